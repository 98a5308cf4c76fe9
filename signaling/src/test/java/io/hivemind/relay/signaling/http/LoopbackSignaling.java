package io.hivemind.relay.signaling.http;

import io.hivemind.relay.signaling.auth.ApiKeyStore;
import io.hivemind.relay.signaling.auth.TokenService;
import io.hivemind.relay.signaling.auth.VideoGrant;
import io.hivemind.relay.signaling.rest.InMemoryRoomAdmin;
import io.hivemind.relay.signaling.rest.CallPageRoutes;
import io.hivemind.relay.signaling.rest.RestRouter;
import io.hivemind.relay.signaling.rest.RoomRoutes;
import io.hivemind.relay.signaling.rest.SystemRoutes;
import io.hivemind.relay.signaling.ws.EchoSessionHandler;
import io.hivemind.relay.signaling.ws.WebSocketEndpoint;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Test fixture: a real signaling server on 127.0.0.1:0 with in-memory rooms and an echo session handler. */
public final class LoopbackSignaling implements AutoCloseable {

    public static final String KEY = "APItest";
    public static final String SECRET = "loopback-secret-long-enough-for-hs256-0123456789";

    public final TokenService tokens = new TokenService(new ApiKeyStore(Map.of(KEY, SECRET)), Clock.systemUTC(),
            Duration.ofSeconds(5));
    public final InMemoryRoomAdmin rooms = new InMemoryRoomAdmin();
    public final EchoSessionHandler sessions = new EchoSessionHandler();
    public final CountingRelayStats stats = new CountingRelayStats();
    public final SignalingServer server;

    public LoopbackSignaling(SignalingConfig config) throws IOException {
        RelayMetrics metrics = RelayMetrics.bind(stats);
        RestRouter.Builder router = RestRouter.builder();
        new SystemRoutes(metrics.registry()).addTo(router);
        new RoomRoutes(rooms, tokens).addTo(router);
        new CallPageRoutes(false).addTo(router);
        WebSocketEndpoint ws = new WebSocketEndpoint(tokens, sessions, config.maxBodyBytes(),
                config.webSocketPingInterval());
        server = SignalingServer.start(config.withListen("127.0.0.1", 0), router.build(), ws);
    }

    public LoopbackSignaling() throws IOException {
        this(SignalingConfig.defaults());
    }

    public URI uri(String path) {
        return URI.create((server.tls() ? "https://localhost:" : "http://127.0.0.1:")
                + server.localAddress().getPort() + path);
    }

    public String token(String identity, VideoGrant grant) {
        return tokens.mint(tokens.grantFor(KEY, identity, identity, Duration.ofMinutes(5), grant));
    }

    @Override
    public void close() {
        server.close();
    }
}
