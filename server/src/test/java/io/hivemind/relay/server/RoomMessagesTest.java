package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.sfu.room.ActiveSpeaker;
import io.hivemind.relay.sfu.room.ParticipantInfo;
import io.hivemind.relay.sfu.room.RoomEvent;
import io.hivemind.relay.sfu.room.TrackInfo;
import io.hivemind.relay.signaling.ws.ServerMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoomMessagesTest {

    private static final ParticipantInfo BOB = new ParticipantInfo("PA_2", "bob", "Bob", "", false, false);
    private static final ParticipantInfo ALICE = new ParticipantInfo("PA_1", "alice", "Alice", "", false, false);
    private static final ParticipantInfo GHOST = new ParticipantInfo("PA_9", "ghost", "Ghost", "", false, true);
    private static final TrackInfo BOB_MIC = new TrackInfo("TR_2", "bob", "0", 42, 111, false);
    private static final TrackInfo ALICE_MIC = new TrackInfo("TR_1", "alice", "0", 43, 111, true);

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of("someone joins", new RoomEvent.ParticipantJoined("blue", BOB),
                        new ServerMessage.ParticipantJoined(new ServerMessage.Participant("PA_2", "bob", "Bob",
                                List.of()))),
                Arguments.of("I join", new RoomEvent.ParticipantJoined("blue", ALICE), null),
                Arguments.of("a hidden participant joins", new RoomEvent.ParticipantJoined("blue", GHOST), null),
                Arguments.of("someone leaves", new RoomEvent.ParticipantLeft("blue", BOB, "left"),
                        new ServerMessage.ParticipantLeft("PA_2", "bob")),
                Arguments.of("someone publishes", new RoomEvent.TrackPublished("blue", BOB_MIC),
                        new ServerMessage.TrackPublished("PA_2", new ServerMessage.Track("TR_2", "audio", false))),
                Arguments.of("I publish", new RoomEvent.TrackPublished("blue", ALICE_MIC), null),
                Arguments.of("someone unpublishes", new RoomEvent.TrackUnpublished("blue", BOB_MIC),
                        new ServerMessage.TrackUnpublished("PA_2", "TR_2")),
                Arguments.of("speakers by participant sid, unknown ones skipped",
                        new RoomEvent.ActiveSpeakersChanged("blue", List.of(new ActiveSpeaker("bob", "TR_2", 0.5),
                                new ActiveSpeaker("nobody", "TR_7", 0.2))),
                        new ServerMessage.ActiveSpeakers(List.of(new ServerMessage.Speaker("PA_2", 0.5)))),
                Arguments.of("my own mute is confirmed to me", new RoomEvent.TrackMuted("blue", ALICE_MIC, false),
                        new ServerMessage.Muted("PA_1", "TR_1", true, false)),
                Arguments.of("a server mute of someone", new RoomEvent.TrackMuted("blue", BOB_MIC, true),
                        new ServerMessage.Muted("PA_2", "TR_2", false, true)),
                Arguments.of("an agent's caption",
                        new RoomEvent.Caption("blue", BOB, RoomEvent.CaptionRole.AGENT, "resp_1", "Hello", false),
                        new ServerMessage.Caption("PA_2", "agent", "resp_1", "Hello", false)),
                Arguments.of("an agent's state", new RoomEvent.AgentStateChanged("blue", BOB, "thinking"),
                        new ServerMessage.AgentState("PA_2", "bob", "thinking")),
                Arguments.of("the call's state", new RoomEvent.CallStateChanged("blue", "7", "ended", "", "hangup"),
                        new ServerMessage.CallState("7", "ended", "", "hangup")),
                Arguments.of("subscriptions are not client events",
                        new RoomEvent.TrackSubscribed("blue", "alice", BOB_MIC, 7, 111), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void aRoomEventBecomesTheMessageAliceSees(String name, RoomEvent event, ServerMessage expected) {
        Map<String, String> sids = new HashMap<>(Map.of("alice", "PA_1", "bob", "PA_2"));

        assertThat(RoomMessages.of(event, "alice", sids)).isEqualTo(expected);
    }

    @Test
    void joinsAndLeavesKeepTheSidsCurrent() {
        Map<String, String> sids = new HashMap<>();

        RoomMessages.of(new RoomEvent.ParticipantJoined("blue", BOB), "alice", sids);
        assertThat(sids).containsExactly(Map.entry("bob", "PA_2"));
        RoomMessages.of(new RoomEvent.ParticipantLeft("blue", BOB, "left"), "alice", sids);
        assertThat(sids).isEmpty();
    }

    @Test
    void aListedParticipantCarriesOnlyItsOwnTracks() {
        assertThat(RoomMessages.participant(BOB, List.of(BOB_MIC, ALICE_MIC)))
                .isEqualTo(new ServerMessage.Participant("PA_2", "bob", "Bob",
                        List.of(new ServerMessage.Track("TR_2", "audio", false))));
    }
}
