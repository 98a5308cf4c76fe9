package io.hivemind.relay.signaling.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Keep-alive, pipelining, Connection: close and the idle timeout, over a raw loopback socket. */
class ConnectionLifecycleTest {

    private static final String HEALTHZ = "GET /healthz HTTP/1.1\r\nHost: relay\r\n\r\n";
    private static final String OK_BODY = "{\"status\":\"ok\"}";

    private static String readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        for (int n; (n = in.read(chunk)) >= 0; ) {
            all.write(chunk, 0, n);
        }
        return all.toString(StandardCharsets.US_ASCII);
    }

    private static int count(String text, String part) {
        int found = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            found++;
        }
        return found;
    }

    @Test
    void pipelinedRequestsAnsweredInOrderThenConnectionCloseHonoured() throws Exception {
        try (LoopbackSignaling signaling = new LoopbackSignaling();
                Socket socket = new Socket("127.0.0.1", signaling.server.localAddress().getPort())) {
            String requests = HEALTHZ + "GET /missing HTTP/1.1\r\nHost: relay\r\n\r\n"
                    + "GET /healthz HTTP/1.1\r\nHost: relay\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            String answers = readUntilClosed(socket);
            assertThat(count(answers, "HTTP/1.1 ")).isEqualTo(3);
            assertThat(answers.indexOf("HTTP/1.1 200")).isLessThan(answers.indexOf("HTTP/1.1 404"));
            assertThat(answers.lastIndexOf("HTTP/1.1 200")).isGreaterThan(answers.indexOf("HTTP/1.1 404"));
            assertThat(count(answers, OK_BODY)).isEqualTo(2);
            assertThat(answers).containsIgnoringCase("connection: close");
        }
    }

    @Test
    void idleConnectionIsClosed() throws Exception {
        SignalingConfig defaults = SignalingConfig.defaults();
        SignalingConfig config = new SignalingConfig(defaults.bindAddress(), 0, defaults.maxBodyBytes(),
                Duration.ofMillis(300), Duration.ofMillis(100), null, null);
        try (LoopbackSignaling signaling = new LoopbackSignaling(config);
                Socket socket = new Socket("127.0.0.1", signaling.server.localAddress().getPort())) {
            socket.getOutputStream().write(HEALTHZ.getBytes(StandardCharsets.US_ASCII));
            String answers = readUntilClosed(socket);
            assertThat(count(answers, OK_BODY)).as("answered, kept alive, then closed when idle").isEqualTo(1);
        }
    }

    @Test
    void malformedRequestLineIsBadRequest() throws Exception {
        try (LoopbackSignaling signaling = new LoopbackSignaling();
                Socket socket = new Socket("127.0.0.1", signaling.server.localAddress().getPort())) {
            String huge = "GET /" + "a".repeat(8000) + " HTTP/1.1\r\nHost: relay\r\n\r\n";
            socket.getOutputStream().write(huge.getBytes(StandardCharsets.US_ASCII));
            String answer = readUntilClosed(socket);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("\"code\":\"bad_request\"");
        }
    }
}
