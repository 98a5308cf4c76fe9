package io.hivemind.relay.hub.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.hub.realtime.DecodeResult.DecodeError;
import io.hivemind.relay.hub.realtime.RealtimeServerEvent.ServerError;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServerEventDecoderTest {

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of("session.created", "{\"event_id\":\"e1\",\"type\":\"session.created\",\"session\":"
                        + "{\"type\":\"realtime\",\"id\":\"sess_1\",\"object\":\"realtime.session\"}}",
                        new RealtimeServerEvent.SessionCreated("sess_1")),
                Arguments.of("session.updated without id", "{\"type\":\"session.updated\",\"session\":{}}",
                        new RealtimeServerEvent.SessionUpdated(null)),
                Arguments.of("error with nulls", "{\"event_id\":\"e\",\"type\":\"error\",\"error\":{\"type\":"
                        + "\"invalid_request_error\",\"code\":\"session_expired\",\"message\":\"m\","
                        + "\"param\":null,\"event_id\":null}}",
                        new ServerError("invalid_request_error", "session_expired", "m", null, null)),
                Arguments.of("error with param and client event id", "{\"type\":\"error\",\"error\":{\"type\":"
                        + "\"invalid_request_error\",\"code\":\"invalid_value\",\"message\":\"bad\",\"param\":"
                        + "\"session.audio\",\"event_id\":\"c7\"}}",
                        new ServerError("invalid_request_error", "invalid_value", "bad", "session.audio", "c7")),
                Arguments.of("speech_started", "{\"type\":\"input_audio_buffer.speech_started\","
                        + "\"audio_start_ms\":1200,\"item_id\":\"item_u\"}",
                        new RealtimeServerEvent.SpeechStarted(1200, "item_u")),
                Arguments.of("speech_stopped", "{\"type\":\"input_audio_buffer.speech_stopped\","
                        + "\"audio_end_ms\":2400,\"item_id\":\"item_u\"}",
                        new RealtimeServerEvent.SpeechStopped(2400, "item_u")),
                Arguments.of("input transcription delta, minimal", "{\"type\":"
                        + "\"conversation.item.input_audio_transcription.delta\",\"item_id\":\"item_u\"}",
                        new RealtimeServerEvent.InputTranscriptDelta("item_u", 0, "")),
                Arguments.of("input transcription completed", "{\"type\":"
                        + "\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"item_u\","
                        + "\"content_index\":0,\"transcript\":\"hello\",\"usage\":{\"type\":\"duration\","
                        + "\"seconds\":1}}",
                        new RealtimeServerEvent.InputTranscriptCompleted("item_u", 0, "hello")),
                Arguments.of("response.created", "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\","
                        + "\"object\":\"realtime.response\",\"status\":\"in_progress\",\"output\":[]}}",
                        new RealtimeServerEvent.ResponseCreated("resp_1")),
                Arguments.of("output_audio.done", "{\"type\":\"response.output_audio.done\",\"response_id\":\"r\","
                        + "\"item_id\":\"i\",\"output_index\":0,\"content_index\":0}",
                        new RealtimeServerEvent.OutputAudioDone("r", "i")),
                Arguments.of("output_audio_transcript.delta", "{\"type\":"
                        + "\"response.output_audio_transcript.delta\",\"response_id\":\"r\",\"item_id\":\"i\","
                        + "\"output_index\":0,\"content_index\":0,\"delta\":\"Hel\"}",
                        new RealtimeServerEvent.OutputTranscriptDelta("r", "i", "Hel")),
                Arguments.of("output_audio_transcript.done", "{\"type\":\"response.output_audio_transcript.done\","
                        + "\"response_id\":\"r\",\"item_id\":\"i\",\"output_index\":0,\"content_index\":0,"
                        + "\"transcript\":\"Hello.\"}",
                        new RealtimeServerEvent.OutputTranscriptDone("r", "i", "Hello.")),
                Arguments.of("function_call_arguments.done", "{\"type\":\"response.function_call_arguments.done\","
                        + "\"response_id\":\"r\",\"item_id\":\"i\",\"output_index\":0,\"call_id\":\"call_1\","
                        + "\"name\":\"ask_computer_agent\",\"arguments\":\"{\\\"request\\\":\\\"x\\\"}\"}",
                        new RealtimeServerEvent.FunctionCallArgumentsDone("r", "i", "call_1", "ask_computer_agent",
                                "{\"request\":\"x\"}")),
                Arguments.of("response.done cancelled by a turn", "{\"type\":\"response.done\",\"response\":"
                        + "{\"id\":\"r\",\"status\":\"cancelled\",\"status_details\":{\"type\":\"cancelled\","
                        + "\"reason\":\"turn_detected\"},\"usage\":null}}",
                        new RealtimeServerEvent.ResponseDone("r", "cancelled", "turn_detected")),
                Arguments.of("response.done with null details", "{\"type\":\"response.done\",\"response\":"
                        + "{\"id\":\"r\",\"status\":\"completed\",\"status_details\":null}}",
                        new RealtimeServerEvent.ResponseDone("r", "completed", null)),
                Arguments.of("known GA event we do not act on", "{\"type\":\"rate_limits.updated\","
                        + "\"rate_limits\":[]}", new RealtimeServerEvent.Ignored("rate_limits.updated")),
                Arguments.of("beta name is just another unknown type", "{\"type\":\"response.audio.delta\","
                        + "\"delta\":\"AAAA\"}", new RealtimeServerEvent.Ignored("response.audio.delta")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void decodes(String name, String json, RealtimeServerEvent expected) {
        assertThat(ServerEventDecoder.decode(json)).isEqualTo(new DecodeResult.Decoded(expected));
    }

    @Test
    void decodesAudioDeltaToPcm() {
        byte[] pcm = {1, 0, -1, -1, 0, 127};
        String json = "{\"type\":\"response.output_audio.delta\",\"response_id\":\"r\",\"item_id\":\"i\","
                + "\"output_index\":0,\"content_index\":1,\"delta\":\"" + Base64.getEncoder().encodeToString(pcm)
                + "\"}";
        DecodeResult result = ServerEventDecoder.decode(json);
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        RealtimeServerEvent.OutputAudioDelta delta =
                (RealtimeServerEvent.OutputAudioDelta) ((DecodeResult.Decoded) result).event();
        assertThat(delta.responseId()).isEqualTo("r");
        assertThat(delta.itemId()).isEqualTo("i");
        assertThat(delta.contentIndex()).isEqualTo(1);
        assertThat(delta.pcm()).containsExactly(pcm);
        assertThat(delta.toString()).contains("bytes=6").doesNotContain(Base64.getEncoder().encodeToString(pcm));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("empty", "", DecodeError.NOT_JSON, null),
                Arguments.of("not JSON", "hello", DecodeError.NOT_JSON, null),
                Arguments.of("truncated", "{\"type\":\"error\"", DecodeError.NOT_JSON, null),
                Arguments.of("trailing content", "{\"type\":\"x\"} {}", DecodeError.NOT_JSON, null),
                Arguments.of("too deep", "[".repeat(200) + "]".repeat(200), DecodeError.NOT_JSON, null),
                Arguments.of("array", "[1,2]", DecodeError.NOT_AN_OBJECT, null),
                Arguments.of("string", "\"error\"", DecodeError.NOT_AN_OBJECT, null),
                Arguments.of("no type", "{\"event_id\":\"e\"}", DecodeError.NO_TYPE, null),
                Arguments.of("numeric type", "{\"type\":7}", DecodeError.NO_TYPE, null),
                Arguments.of("error without error", "{\"type\":\"error\"}", DecodeError.MISSING_FIELD, "error"),
                Arguments.of("error without message", "{\"type\":\"error\",\"error\":{\"type\":\"t\"}}",
                        DecodeError.MISSING_FIELD, "error.message"),
                Arguments.of("error code not a string", "{\"type\":\"error\",\"error\":{\"type\":\"t\","
                        + "\"message\":\"m\",\"code\":5}}", DecodeError.WRONG_TYPE, "code"),
                Arguments.of("session not an object", "{\"type\":\"session.created\",\"session\":[]}",
                        DecodeError.WRONG_TYPE, "session"),
                Arguments.of("speech_started without item", "{\"type\":\"input_audio_buffer.speech_started\","
                        + "\"audio_start_ms\":1}", DecodeError.MISSING_FIELD, "item_id"),
                Arguments.of("negative audio_start_ms", "{\"type\":\"input_audio_buffer.speech_started\","
                        + "\"audio_start_ms\":-1,\"item_id\":\"i\"}", DecodeError.WRONG_TYPE, "audio_start_ms"),
                Arguments.of("fractional audio_end_ms", "{\"type\":\"input_audio_buffer.speech_stopped\","
                        + "\"audio_end_ms\":1.5,\"item_id\":\"i\"}", DecodeError.WRONG_TYPE, "audio_end_ms"),
                Arguments.of("huge index", "{\"type\":\"response.output_audio.delta\",\"response_id\":\"r\","
                        + "\"item_id\":\"i\",\"output_index\":99999999999,\"content_index\":0,\"delta\":\"\"}",
                        DecodeError.WRONG_TYPE, "output_index"),
                Arguments.of("audio not base64", "{\"type\":\"response.output_audio.delta\",\"response_id\":\"r\","
                        + "\"item_id\":\"i\",\"output_index\":0,\"content_index\":0,\"delta\":\"!!!\"}",
                        DecodeError.BAD_AUDIO, "delta"),
                Arguments.of("transcript null", "{\"type\":\"response.output_audio_transcript.done\","
                        + "\"response_id\":\"r\",\"item_id\":\"i\",\"transcript\":null}",
                        DecodeError.MISSING_FIELD, "transcript"),
                Arguments.of("function call without arguments", "{\"type\":"
                        + "\"response.function_call_arguments.done\",\"response_id\":\"r\",\"item_id\":\"i\","
                        + "\"call_id\":\"c\",\"name\":\"n\"}", DecodeError.MISSING_FIELD, "arguments"),
                Arguments.of("response.done without id", "{\"type\":\"response.done\",\"response\":{}}",
                        DecodeError.MISSING_FIELD, "response.id"),
                Arguments.of("response.created id not a string", "{\"type\":\"response.created\","
                        + "\"response\":{\"id\":1}}", DecodeError.WRONG_TYPE, "response.id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failsWithATypedReason(String name, String json, DecodeError error, String field) {
        DecodeResult result = ServerEventDecoder.decode(json);
        assertThat(result).isInstanceOf(DecodeResult.Failed.class);
        DecodeResult.Failed failed = (DecodeResult.Failed) result;
        assertThat(failed.error()).isEqualTo(error);
        assertThat(failed.field()).isEqualTo(field);
    }

    @Test
    void failureNamesOnlyKnownTypes() {
        DecodeResult.Failed failed = (DecodeResult.Failed) ServerEventDecoder.decode(
                "{\"type\":\"error\",\"error\":{}}");
        assertThat(failed.eventType()).isEqualTo("error");
    }
}
