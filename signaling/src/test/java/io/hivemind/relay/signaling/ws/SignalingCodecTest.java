package io.hivemind.relay.signaling.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignalingCodecTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("join", "{\"type\":\"join\",\"token\":\"t\"}", new ClientMessage.Join("t")),
                Arguments.of("offer", "{\"type\":\"offer\",\"sdp\":\"v=0\"}", new Negotiation.Offer("v=0")),
                Arguments.of("answer", "{\"sdp\":\"v=0\",\"type\":\"answer\"}", new Negotiation.Answer("v=0")),
                Arguments.of("trickle by mid", "{\"type\":\"trickle\",\"candidate\":\"c\",\"sdpMid\":\"0\"}",
                        new Negotiation.Trickle("c", "0", null)),
                Arguments.of("end of candidates", "{\"type\":\"trickle\",\"candidate\":\"\",\"sdpMLineIndex\":0}",
                        new Negotiation.Trickle("", null, 0)),
                Arguments.of("mute", "{\"type\":\"mute\",\"trackSid\":\"TR_1\",\"muted\":false}",
                        new ClientMessage.Mute("TR_1", false)),
                Arguments.of("leave", "{\"type\":\"leave\"}", new ClientMessage.Leave()),
                Arguments.of("ping", " {\"type\":\"ping\"} ", new ClientMessage.Ping()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void decodes(String name, String json, ClientMessage expected) {
        assertThat(SignalingCodec.decode(json)).isEqualTo(expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("unknown type", "{\"type\":\"subscribe\"}", ErrorCode.UNKNOWN_TYPE),
                Arguments.of("server-only type", "{\"type\":\"joined\",\"room\":\"r\"}", ErrorCode.UNKNOWN_TYPE),
                Arguments.of("missing type", "{\"sdp\":\"v=0\"}", ErrorCode.BAD_JSON),
                Arguments.of("not JSON", "hello", ErrorCode.BAD_JSON),
                Arguments.of("array", "[1]", ErrorCode.BAD_JSON),
                Arguments.of("null", "null", ErrorCode.BAD_JSON),
                Arguments.of("empty", "", ErrorCode.BAD_JSON),
                Arguments.of("unknown field", "{\"type\":\"leave\",\"why\":\"x\"}", ErrorCode.BAD_JSON),
                Arguments.of("missing sdp", "{\"type\":\"offer\"}", ErrorCode.BAD_JSON),
                Arguments.of("sdp not a string", "{\"type\":\"offer\",\"sdp\":{}}", ErrorCode.BAD_JSON),
                Arguments.of("mute without muted", "{\"type\":\"mute\",\"trackSid\":\"t\"}", ErrorCode.BAD_JSON),
                Arguments.of("trickle without mid or index", "{\"type\":\"trickle\",\"candidate\":\"c\"}",
                        ErrorCode.BAD_JSON),
                Arguments.of("negative index", "{\"type\":\"trickle\",\"candidate\":\"c\",\"sdpMLineIndex\":-1}",
                        ErrorCode.BAD_JSON),
                Arguments.of("trailing data", "{\"type\":\"leave\"} {}", ErrorCode.BAD_JSON),
                Arguments.of("deep nesting", "{\"type\":\"offer\",\"sdp\":" + "[".repeat(100) + "]".repeat(100) + "}",
                        ErrorCode.BAD_JSON));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesWithStableCodeWithoutQuotingInput(String name, String json, ErrorCode expected) {
        SignalingException error = catchThrowableOfType(SignalingException.class, () -> SignalingCodec.decode(json));
        assertThat(error.code()).isEqualTo(expected);
        assertThat(error.getMessage()).doesNotContain("subscribe").doesNotContain("v=0");
    }

    static Stream<Arguments> events() {
        ServerMessage.Track track = new ServerMessage.Track("TR_1", "audio", false);
        ServerMessage.Participant bob = new ServerMessage.Participant("PA_2", "bob", "Bob", List.of(track));
        return Stream.of(
                Arguments.of("participant_joined", new ServerMessage.ParticipantJoined(bob),
                        "{\"type\":\"participant_joined\",\"participant\":{\"sid\":\"PA_2\",\"identity\":\"bob\","
                                + "\"name\":\"Bob\",\"tracks\":[{\"sid\":\"TR_1\",\"kind\":\"audio\","
                                + "\"muted\":false}]}}"),
                Arguments.of("participant_left", new ServerMessage.ParticipantLeft("PA_2", "bob"),
                        "{\"type\":\"participant_left\",\"sid\":\"PA_2\",\"identity\":\"bob\"}"),
                Arguments.of("track_published", new ServerMessage.TrackPublished("PA_2", track),
                        "{\"type\":\"track_published\",\"participantSid\":\"PA_2\",\"track\":{\"sid\":\"TR_1\","
                                + "\"kind\":\"audio\",\"muted\":false}}"),
                Arguments.of("track_unpublished", new ServerMessage.TrackUnpublished("PA_2", "TR_1"),
                        "{\"type\":\"track_unpublished\",\"participantSid\":\"PA_2\",\"trackSid\":\"TR_1\"}"),
                Arguments.of("active_speakers", new ServerMessage.ActiveSpeakers(
                        List.of(new ServerMessage.Speaker("PA_2", 0.5))),
                        "{\"type\":\"active_speakers\",\"speakers\":[{\"sid\":\"PA_2\",\"level\":0.5}]}"),
                Arguments.of("muted", new ServerMessage.Muted("PA_2", "TR_1", true, true),
                        "{\"type\":\"muted\",\"participantSid\":\"PA_2\",\"trackSid\":\"TR_1\",\"muted\":true,"
                                + "\"byServer\":true}"),
                Arguments.of("offer", new Negotiation.Offer("v=0"), "{\"type\":\"offer\",\"sdp\":\"v=0\"}"),
                Arguments.of("left", new ServerMessage.Left("removed"), "{\"type\":\"left\",\"reason\":\"removed\"}"),
                Arguments.of("error", new ServerMessage.Error("room_not_found", "no room"),
                        "{\"type\":\"error\",\"code\":\"room_not_found\",\"message\":\"no room\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void encodesWithTypeDiscriminator(String name, ServerMessage message, String json) {
        assertThat(SignalingCodec.encode(message)).isEqualTo(json);
    }
}
