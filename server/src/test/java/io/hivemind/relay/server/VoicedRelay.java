package io.hivemind.relay.server;

import io.hivemind.relay.hub.agent.AgentRuntime;
import io.hivemind.relay.hub.agent.EmbeddedAgentRuntime;
import io.hivemind.relay.hub.realtime.ApiSecret;
import io.hivemind.relay.hub.realtime.ClientSecretMinter;
import io.hivemind.relay.hub.realtime.RealtimeEndpoint;
import io.hivemind.relay.hub.realtime.fake.FakeRealtimeServer;
import io.hivemind.relay.hub.realtime.fake.FakeScript;
import io.hivemind.relay.signaling.auth.ApiKeyStore;
import io.hivemind.relay.signaling.auth.VideoGrant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A relay on loopback with the development key, the embedded agent runtime holding one agent, {@code helper} (it
 * answers {@code helper heard: <question>}), and, when given a script, voice on an in-repo fake Realtime server.
 */
final class VoicedRelay implements AutoCloseable {

    /** The OpenAI key the relay and the fake share; tests check it never leaks. */
    static final String KEY = "sk-test-voiced-relay-0123456789";

    final FakeRealtimeServer realtime;
    final RelayServer server;

    private VoicedRelay(FakeRealtimeServer realtime, RelayServer server) {
        this.realtime = realtime;
        this.server = server;
    }

    /**
     * @param script how the fake Realtime server answers, or null for a relay without an OpenAI key (voice off)
     * @param data   the relay's data directory (one per relay)
     */
    static VoicedRelay start(Path dir, Path data, FakeScript script, int mediaLoops) throws Exception {
        AgentRuntime agents = EmbeddedAgentRuntime.fromFile(agentsFile(dir), "testbox");
        FakeRealtimeServer realtime = script == null ? null : FakeRealtimeServer.start(KEY, script);
        RealtimeConfig voice = realtime == null ? RealtimeConfig.DEFAULT
                : new RealtimeConfig(Optional.of(ApiSecret.of(KEY)), realtime.baseUrl(),
                        RealtimeEndpoint.DEFAULT_MODEL, "gpt-4o-mini-transcribe", ClientSecretMinter.DEFAULT_TTL);
        try {
            return new VoicedRelay(realtime, RelayServer.start(new RelayConfig("127.0.0.1", 0, 0, null, data,
                    ApiKeyStore.development(), Duration.ofSeconds(10), null, voice), mediaLoops,
                    Optional.of(agents)));
        } catch (Exception e) {
            if (realtime != null) {
                realtime.close();
            }
            throw e;
        }
    }

    private static Path agentsFile(Path dir) throws IOException {
        Path file = dir.resolve("agents.yaml");
        if (!Files.exists(file)) {
            Files.writeString(file, """
                    agents:
                      - id: helper
                        name: Helper
                        directory: .
                        command: [sh, -c, 'read question; echo "helper heard: $question"']
                        timeout_seconds: 10
                        skills: [echo]
                    """);
        }
        return file;
    }

    /** {@code http://127.0.0.1:<port>} */
    String base() {
        return "http://127.0.0.1:" + server.httpAddress().getPort();
    }

    /** A join token of {@code identity} for {@code room}. */
    String token(String identity, String room) {
        return server.tokens().mint(server.tokens().grantFor(ApiKeyStore.DEVELOPMENT_KEY, identity, identity,
                Duration.ofMinutes(5), VideoGrant.join(room)));
    }

    @Override
    public void close() throws Exception {
        server.close();
        if (realtime != null) {
            realtime.close();
        }
    }
}
