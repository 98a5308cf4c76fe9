package io.hivemind.relay.hub.realtime.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fake server's own checks, driven by the JDK's WebSocket client (independent of the client under test): what
 * it refuses is what makes the client tests able to fail.
 */
class FakeRealtimeServerTest {

    private static final String KEY = "sk-fake-server-test";
    private static final String SESSION = "{\"type\":\"realtime\",\"audio\":{\"input\":{\"format\":{\"type\":"
            + "\"audio/pcm\",\"rate\":24000},\"turn_detection\":{\"type\":\"server_vad\"}},\"output\":{\"format\":"
            + "{\"type\":\"audio/pcm\",\"rate\":24000},\"voice\":\"marin\"}},\"tools\":[{\"type\":\"function\","
            + "\"name\":\"ask_computer_agent\",\"parameters\":{\"type\":\"object\",\"properties\":{\"request\":"
            + "{\"type\":\"string\"}},\"required\":[\"request\"]}}]}";

    private final HttpClient http = HttpClient.newHttpClient();
    private final FakeRealtimeServer server = start();

    private static FakeRealtimeServer start() {
        try {
            return FakeRealtimeServer.start(KEY, FakeScript.defaults().holdingResponses());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void refusesTheBetaHeaderLikeTheRealServer() throws Exception {
        Messages messages = new Messages();
        http.newWebSocketBuilder().header("Authorization", "Bearer " + KEY).header("OpenAI-Beta", "realtime=v1")
                .buildAsync(wsUri(), messages).get(10, TimeUnit.SECONDS);

        assertThat(messages.next()).contains("\"code\":\"beta_api_shape_disabled\"");
        assertThat(messages.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(4000);
        assertThat(server.violations()).containsExactly("session 0: OpenAI-Beta header sent");
    }

    @Test
    void refusesAMissingKeyBeforeTheUpgrade() throws Exception {
        CompletableFuture<WebSocket> socket = http.newWebSocketBuilder().buildAsync(wsUri(), new Messages());
        assertThat(socket).failsWithin(10, TimeUnit.SECONDS);
        assertThat(server.handshakes()).extracting(FakeRealtimeServer.Handshake::status).containsExactly(401);
        assertThat(server.sessionCount()).isZero();
    }

    static Stream<Arguments> badEvents() {
        return Stream.of(
                Arguments.of("beta event name", "{\"type\":\"transcription_session.update\",\"session\":{}}",
                        "unknown or beta event type transcription_session.update"),
                Arguments.of("beta session fields", "{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\","
                        + "\"modalities\":[\"audio\"],\"voice\":\"alloy\"}}", "session (beta field?): unknown field"),
                Arguments.of("16 kHz input", "{\"type\":\"session.update\",\"session\":" + SESSION.replaceFirst(
                        "24000", "16000") + "}", "session.audio.input.format must be"),
                Arguments.of("no tool", "{\"type\":\"session.update\",\"session\":" + SESSION.replaceAll(
                        ",\"tools\".*\\]}$", "}") + "}", "session.tools is missing"),
                Arguments.of("session without type", "{\"type\":\"session.update\",\"session\":" + SESSION.replace(
                        "\"type\":\"realtime\",", "") + "}", "session.type must be"),
                Arguments.of("odd PCM16", "{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\"}",
                        "PCM16 must be whole samples"),
                Arguments.of("beta assistant content", "{\"type\":\"conversation.item.create\",\"item\":{\"type\":"
                        + "\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}}",
                        "assistant message content type text is not allowed"),
                Arguments.of("output without call id", "{\"type\":\"conversation.item.create\",\"item\":{\"type\":"
                        + "\"function_call_output\",\"output\":\"x\"}}", "call_id is required"),
                Arguments.of("fractional truncate", "{\"type\":\"conversation.item.truncate\",\"item_id\":\"i\","
                        + "\"content_index\":0,\"audio_end_ms\":12.5}", "audio_end_ms is required"),
                Arguments.of("output for an unknown call", "{\"type\":\"conversation.item.create\",\"item\":{\"type\":"
                        + "\"function_call_output\",\"call_id\":\"call_x\",\"output\":\"x\"}}",
                        "function_call_output for a call_id this conversation does not hold"),
                Arguments.of("truncate of an unknown item", "{\"type\":\"conversation.item.truncate\","
                        + "\"item_id\":\"i\",\"content_index\":0,\"audio_end_ms\":12}",
                        "truncate of an item that is not an assistant audio item"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void flagsProtocolBreaches(String name, String event, String violation) throws Exception {
        Messages messages = new Messages();
        WebSocket socket = open(messages);
        socket.sendText(event, true).get(10, TimeUnit.SECONDS);

        assertThat(messages.nextOfType("error")).contains("invalid_request_error");
        assertThat(server.violations()).anySatisfy(text -> assertThat(text).contains(violation));
        assertThat(server.received()).isEmpty();
    }

    @Test
    void flagsASecondActiveResponse() throws Exception {
        Messages messages = new Messages();
        WebSocket socket = open(messages);
        socket.sendText("{\"type\":\"session.update\",\"session\":" + SESSION + "}", true).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"response.create\"}", true).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"response.create\"}", true).get(10, TimeUnit.SECONDS);

        assertThat(messages.nextOfType("error")).contains("conversation_already_has_active_response");
        assertThat(server.violations()).singleElement().asString().contains("response.create while response");
    }

    @Test
    void flagsAResponseRequestedBeforeTheFunctionCallResponseIsDone() throws Exception {
        try (FakeRealtimeServer calling = FakeRealtimeServer.start(KEY, FakeScript.defaults().withFunctionCall("ls"))) {
            Messages messages = new Messages();
            WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + KEY)
                    .buildAsync(URI.create(calling.baseUrl() + "?model=gpt-realtime"), messages)
                    .get(10, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"session.update\",\"session\":" + SESSION + "}", true)
                    .get(10, TimeUnit.SECONDS);
            for (int chunk = 0; chunk < 50; chunk++) {
                byte[] pcm = chunk < 15 ? ToneMeter.tone(300, 6000, chunk * 480L, 480) : new byte[960];
                socket.sendText("{\"type\":\"input_audio_buffer.append\",\"audio\":\""
                        + Base64.getEncoder().encodeToString(pcm) + "\"}", true).get(10, TimeUnit.SECONDS);
            }
            String call = messages.nextOfType("response.function_call_arguments.done");
            String callId = call.replaceAll(".*\"call_id\":\"([^\"]+)\".*", "$1");
            socket.sendText("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\","
                    + "\"call_id\":\"" + callId + "\",\"output\":\"done\"}}", true).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"response.create\"}", true).get(10, TimeUnit.SECONDS);

            assertThat(messages.nextOfType("error")).contains("conversation_already_has_active_response");
            assertThat(calling.violations()).singleElement().asString().contains("response.create while response");
        }
    }

    @Test
    void mintsSecretsOnlyForTheKeyAndAValidSession() throws Exception {
        String body = "{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":600},\"session\":"
                + SESSION.replace("{\"type\":\"realtime\",", "{\"type\":\"realtime\",\"model\":\"gpt-realtime\",")
                + "}";
        HttpResponse<String> minted = post(body, KEY);
        HttpResponse<String> wrongKey = post(body, "sk-other");
        HttpResponse<String> badTtl = post(body.replace("600", "5"), KEY);

        assertThat(minted.statusCode()).isEqualTo(200);
        assertThat(minted.body()).contains(server.mintedSecrets().get(0), "\"model\":\"gpt-realtime\"");
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(badTtl.statusCode()).isEqualTo(400);
        assertThat(server.violations()).singleElement().asString().contains("expires_after");
    }

    private HttpResponse<String> post(String body, String key) throws Exception {
        URI uri = URI.create(server.baseUrl().toString().replace("ws://", "http://") + "/client_secrets");
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private WebSocket open(Messages messages) throws Exception {
        WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + KEY)
                .buildAsync(wsUri(), messages).get(10, TimeUnit.SECONDS);
        assertThat(messages.next()).contains("\"type\":\"session.created\"");
        return socket;
    }

    private URI wsUri() {
        return URI.create(server.baseUrl() + "?model=gpt-realtime");
    }

    /** Collects whole text messages and the close code. */
    private static final class Messages implements WebSocket.Listener {
        private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        String next() throws InterruptedException {
            String text = texts.poll(10, TimeUnit.SECONDS);
            assertThat(text).as("a message within 10 s").isNotNull();
            return text;
        }

        String nextOfType(String type) throws InterruptedException {
            List<String> skipped = new java.util.ArrayList<>();
            while (true) {
                String text = next();
                if (text.contains("\"type\":\"" + type + "\"")) {
                    return text;
                }
                skipped.add(text);
                assertThat(skipped).as("messages before a " + type).hasSizeLessThan(100);
            }
        }
    }
}
