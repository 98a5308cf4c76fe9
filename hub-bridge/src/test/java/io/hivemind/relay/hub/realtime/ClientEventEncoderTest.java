package io.hivemind.relay.hub.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivemind.relay.hub.realtime.fake.ClientEventChecker;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClientEventEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> events() {
        byte[] pcm = {9, 1, 2, 3, 4, 5, 9};
        return Stream.of(
                Arguments.of("append takes only the given range",
                        new RealtimeClientEvent.AppendAudio(pcm, 1, 4),
                        "{\"type\":\"input_audio_buffer.append\",\"audio\":\"AQIDBA==\"}"),
                Arguments.of("user text", new RealtimeClientEvent.CreateItem(new ConversationItem.UserText("hi")),
                        "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\","
                                + "\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}}"),
                Arguments.of("assistant text uses the GA output_text",
                        new RealtimeClientEvent.CreateItem(new ConversationItem.AssistantText("ok")),
                        "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":"
                                + "\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"ok\"}]}}"),
                Arguments.of("function call", new RealtimeClientEvent.CreateItem(
                        new ConversationItem.FunctionCall("call_1", "ask_computer_agent", "{}")),
                        "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call\","
                                + "\"call_id\":\"call_1\",\"name\":\"ask_computer_agent\",\"arguments\":\"{}\"}}"),
                Arguments.of("function call output", new RealtimeClientEvent.CreateItem(
                        new ConversationItem.FunctionCallOutput("call_1", "{\"answer\":\"green\"}")),
                        "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\","
                                + "\"call_id\":\"call_1\",\"output\":\"{\\\"answer\\\":\\\"green\\\"}\"}}"),
                Arguments.of("response.create", new RealtimeClientEvent.CreateResponse(),
                        "{\"type\":\"response.create\"}"),
                Arguments.of("response.cancel", new RealtimeClientEvent.CancelResponse("resp_1"),
                        "{\"type\":\"response.cancel\",\"response_id\":\"resp_1\"}"),
                Arguments.of("truncate", new RealtimeClientEvent.TruncateItem("item_a", 0, 1234),
                        "{\"type\":\"conversation.item.truncate\",\"item_id\":\"item_a\",\"content_index\":0,"
                                + "\"audio_end_ms\":1234}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void encodesTheGaShape(String name, RealtimeClientEvent event, String expected) throws Exception {
        JsonNode encoded = JSON.readTree(ClientEventEncoder.encode(event));
        assertThat(encoded).isEqualTo(JSON.readTree(expected));
        assertThat(ClientEventChecker.check(encoded)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void checkerRefusesTheSameEventWithAnUnknownField(String name, RealtimeClientEvent event, String expected)
            throws Exception {
        JsonNode encoded = JSON.readTree(ClientEventEncoder.encode(event));
        ((com.fasterxml.jackson.databind.node.ObjectNode) encoded).put("modalities", "audio");
        List<String> problems = ClientEventChecker.check(encoded);
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("unknown field modalities"));
    }
}
