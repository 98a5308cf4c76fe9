package io.hivemind.relay.signaling.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.signaling.auth.VideoGrant;
import io.hivemind.relay.signaling.http.LoopbackSignaling;
import io.hivemind.relay.signaling.http.SignalingConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The /ws endpoint over a real loopback socket with the JDK WebSocket client. */
class WebSocketEndpointTest {

    private static final long TIMEOUT_SECONDS = 10;

    private LoopbackSignaling signaling;

    /** Collects text messages, server pings and the close code. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final CountDownLatch pinged = new CountDownLatch(1);
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pinged.countDown();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        String next() throws InterruptedException {
            String message = messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(message).as("a message within the timeout").isNotNull();
            return message;
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        int closeCode() throws Exception {
            return closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @BeforeEach
    void start() throws Exception {
        SignalingConfig config = SignalingConfig.defaults();
        signaling = new LoopbackSignaling(new SignalingConfig(config.bindAddress(), 0, 4096,
                Duration.ofSeconds(30), Duration.ofMillis(200), null, null));
    }

    @AfterEach
    void stop() {
        signaling.close();
    }

    private Client connect() {
        Client client = new Client();
        URI uri = URI.create("ws://127.0.0.1:" + signaling.server.localAddress().getPort() + "/ws");
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, client).join();
        return client;
    }

    private String join(String room) {
        return "{\"type\":\"join\",\"token\":\"" + signaling.token("alice", VideoGrant.join(room)) + "\"}";
    }

    @Test
    void joinThenNegotiateThroughTheSession() throws Exception {
        Client client = connect();
        client.send("{\"type\":\"ping\"}");
        assertThat(client.next()).isEqualTo("{\"type\":\"pong\"}");
        client.send("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
        assertThat(client.next()).isEqualTo("{\"type\":\"error\",\"code\":\"not_joined\",\"message\":\"join first\"}");
        client.send(join("blue"));
        assertThat(client.next()).isEqualTo("{\"type\":\"joined\",\"room\":\"blue\",\"participant\":{\"sid\":\"PA_1\","
                + "\"identity\":\"alice\",\"name\":\"alice\",\"tracks\":[]},\"participants\":[]}");
        client.send("{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}");
        assertThat(client.next()).isEqualTo("{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\"}");
        client.send("{\"type\":\"trickle\",\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 9 typ host\","
                + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");
        assertThat(client.next()).isEqualTo("{\"type\":\"trickle\",\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 9"
                + " typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");
        client.send("{\"type\":\"mute\",\"trackSid\":\"TR_1\",\"muted\":true}");
        assertThat(client.next()).isEqualTo("{\"type\":\"muted\",\"participantSid\":\"PA_1\",\"trackSid\":\"TR_1\","
                + "\"muted\":true,\"byServer\":false}");
        client.send(join("blue"));
        assertThat(client.next()).contains("\"code\":\"already_joined\"");
        client.send("{\"type\":\"subscribe\"}");
        assertThat(client.next()).contains("\"code\":\"unknown_type\"");
        client.send("{\"type\":\"offer\"");
        assertThat(client.next()).contains("\"code\":\"bad_json\"");
        client.send("{\"type\":\"answer\",\"sdp\":\"v=0\"}");
        assertThat(client.next())
                .isEqualTo("{\"type\":\"error\",\"code\":\"internal\",\"message\":\"internal error\"}");
        assertThat(client.pinged.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("server keepalive ping").isTrue();
        client.send("{\"type\":\"leave\"}");
        assertThat(client.next()).isEqualTo("{\"type\":\"left\",\"reason\":\"client left\"}");
        assertThat(client.closeCode()).isEqualTo(1000);
        assertThat(signaling.sessions.closed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void forgedTokenIsRefusedWithCodeAndPolicyClose() throws Exception {
        Client client = connect();
        String token = signaling.token("mallory", VideoGrant.join("blue"));
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        client.send("{\"type\":\"join\",\"token\":\"" + forged + "\"}");
        String error = client.next();
        assertThat(error).contains("\"code\":\"token_invalid\"").doesNotContain(forged);
        assertThat(client.closeCode()).isEqualTo(1008);
    }

    @Test
    void grantWithoutRoomJoinOrRefusedRoomCloses() throws Exception {
        Client admin = connect();
        admin.send("{\"type\":\"join\",\"token\":\"" + signaling.token("ops", VideoGrant.admin()) + "\"}");
        assertThat(admin.next()).contains("\"code\":\"permission_denied\"");
        assertThat(admin.closeCode()).isEqualTo(1008);
        Client late = connect();
        late.send(join("closed"));
        assertThat(late.next()).contains("\"code\":\"room_not_found\"");
        assertThat(late.closeCode()).isEqualTo(1008);
    }

    @Test
    void oversizedMessageClosesWith1009() throws Exception {
        Client client = connect();
        client.send("{\"type\":\"offer\",\"sdp\":\"" + "a".repeat(5000) + "\"}");
        assertThat(client.closeCode()).isEqualTo(1009);
    }
}
