package io.hivemind.relay.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.hivemind.relay.server.RelayConfig;
import io.hivemind.relay.server.RelayServer;
import io.hivemind.relay.signaling.auth.ApiKeyStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load tool's engine against the real relay in this process: /ws signalling, ICE with the relay's ICE-lite,
 * DTLS, SRTP, Opus with send times, over loopback UDP. One room, two talkers who hear each other, two listeners.
 */
class LoadToolLoopbackTest {

    @Test
    void talkersReachEveryListenerThroughTheRelay(@TempDir Path data) throws Exception {
        RelayServer server = RelayServer.start(new RelayConfig("127.0.0.1", 0, 0, null, data,
                ApiKeyStore.development(), RelayConfig.DEFAULT_CONSENT_TIMEOUT, null), 1);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        RoomShape shape = new RoomShape(2, 2, true);
        WindowResult window;
        try (PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8);
             LoadClients clients = new LoadClients(1);
             LoadRun run = new LoadRun(relay(server.httpAddress()), clients, OpusLoop.encode(50),
                     ProcessHandle.current().pid(), out)) {
            run.addRooms(shape, 1);
            assertThat(run.peerCount()).isEqualTo(shape.participants());
            window = run.measure("loopback", Duration.ofMillis(500), Duration.ofSeconds(2));
        } finally {
            server.close();
        }
        assertThat(window.target()).isEqualTo("hivemind");
        assertThat(window.jitterMillis().streams()).as("one stream per talker per other participant")
                .isEqualTo(shape.forwardedStreams());
        assertThat(window.sent()).isPositive();
        // Every talker's packet reaches the other talker and both listeners.
        int fanOut = shape.forwardedStreams() / shape.talkers();
        assertThat(window.received()).isBetween((fanOut - 1) * window.sent(), (fanOut + 1) * window.sent());
        // Counters and histograms start their windows a moment apart: the same packets, give or take the edges.
        assertThat(window.latencyMicros().count()).isCloseTo(window.received(), withinPercentage(10));
        assertThat(window.latencyMicros().p50()).isPositive();
        assertThat(window.unstamped()).isZero();
        assertThat(window.receiveFailures()).isZero();
        assertThat(window.serverCores()).isPositive();
        assertThat(window.relayDelayMicros()).as("the relay's own delay, from its /metrics").isNotNull();
        assertThat(window.relayDelayMicros().copies()).isCloseTo(window.received(), withinPercentage(20));
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("connected 4 clients", "received");
    }

    /** Listeners publish a silent track: this relay refuses an offer without one (it predates listen-only). */
    private static RelayTarget relay(InetSocketAddress http) {
        return new RelayTarget(URI.create("http://127.0.0.1:" + http.getPort()), ApiKeyStore.DEVELOPMENT_KEY,
                ApiKeyStore.DEVELOPMENT_SECRET, RelayTarget.SubscribeMode.SILENT_PUBLISH);
    }
}
