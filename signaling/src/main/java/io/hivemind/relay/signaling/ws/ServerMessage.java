package io.hivemind.relay.signaling.ws;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Objects;

/** A message from server to client on {@code /ws}: a response, an event or an error. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ServerMessage.Joined.class, name = "joined"),
    @JsonSubTypes.Type(value = Negotiation.Offer.class, name = "offer"),
    @JsonSubTypes.Type(value = Negotiation.Answer.class, name = "answer"),
    @JsonSubTypes.Type(value = Negotiation.Trickle.class, name = "trickle"),
    @JsonSubTypes.Type(value = ServerMessage.LocalParticipant.class, name = "local_participant"),
    @JsonSubTypes.Type(value = ServerMessage.ParticipantJoined.class, name = "participant_joined"),
    @JsonSubTypes.Type(value = ServerMessage.ParticipantLeft.class, name = "participant_left"),
    @JsonSubTypes.Type(value = ServerMessage.TrackPublished.class, name = "track_published"),
    @JsonSubTypes.Type(value = ServerMessage.TrackUnpublished.class, name = "track_unpublished"),
    @JsonSubTypes.Type(value = ServerMessage.ActiveSpeakers.class, name = "active_speakers"),
    @JsonSubTypes.Type(value = ServerMessage.Muted.class, name = "muted"),
    @JsonSubTypes.Type(value = ServerMessage.Caption.class, name = "caption"),
    @JsonSubTypes.Type(value = ServerMessage.AgentState.class, name = "agent_state"),
    @JsonSubTypes.Type(value = ServerMessage.CallState.class, name = "call_state"),
    @JsonSubTypes.Type(value = ServerMessage.Left.class, name = "left"),
    @JsonSubTypes.Type(value = ServerMessage.Error.class, name = "error"),
    @JsonSubTypes.Type(value = ServerMessage.Pong.class, name = "pong")
})
public sealed interface ServerMessage permits ServerMessage.Joined, Negotiation.Offer, Negotiation.Answer,
        Negotiation.Trickle, ServerMessage.LocalParticipant, ServerMessage.ParticipantJoined,
        ServerMessage.ParticipantLeft, ServerMessage.TrackPublished, ServerMessage.TrackUnpublished, ServerMessage.ActiveSpeakers,
        ServerMessage.Muted, ServerMessage.Caption, ServerMessage.AgentState,
        ServerMessage.CallState, ServerMessage.Left, ServerMessage.Error, ServerMessage.Pong {

    /** A participant as clients see it. */
    record Participant(String sid, String identity, String name, List<Track> tracks) {
        public Participant {
            tracks = List.copyOf(tracks);
        }
    }

    /** A published track; {@code kind} is "audio". */
    record Track(String sid, String kind, boolean muted) {
    }

    /** One active speaker; {@code level} in [0, 1], loudest first. */
    record Speaker(String sid, double level) {
    }

    /** Answer to join: the room, who you are and who is already there. */
    @JsonTypeName("joined")
    record Joined(String room, Participant participant, List<Participant> participants) implements ServerMessage {
        public Joined {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(participant, "participant");
            participants = List.copyOf(participants);
        }
    }

    /**
     * You as the room knows you, once your first offer joined you to it: your sid and your published track
     * (whose sid a {@code mute} names). {@code joined} came before the room assigned them.
     */
    @JsonTypeName("local_participant")
    record LocalParticipant(Participant participant) implements ServerMessage {
        public LocalParticipant {
            Objects.requireNonNull(participant, "participant");
        }
    }

    @JsonTypeName("participant_joined")
    record ParticipantJoined(Participant participant) implements ServerMessage {
    }

    @JsonTypeName("participant_left")
    record ParticipantLeft(String sid, String identity) implements ServerMessage {
    }

    @JsonTypeName("track_published")
    record TrackPublished(String participantSid, Track track) implements ServerMessage {
    }

    @JsonTypeName("track_unpublished")
    record TrackUnpublished(String participantSid, String trackSid) implements ServerMessage {
    }

    @JsonTypeName("active_speakers")
    record ActiveSpeakers(List<Speaker> speakers) implements ServerMessage {
        public ActiveSpeakers {
            speakers = List.copyOf(speakers);
        }
    }

    /** A track was muted or unmuted, by its publisher or by an admin ({@code byServer}). */
    @JsonTypeName("muted")
    record Muted(String participantSid, String trackSid, boolean muted, boolean byServer) implements ServerMessage {
    }

    /**
     * A caption: the whole text so far of one utterance ({@code id}); a caption with a new id replaces the previous
     * one of the same {@code role} ("user" or "agent") rather than being appended to it.
     */
    @JsonTypeName("caption")
    record Caption(String participantSid, String role, String id, String text, boolean complete)
            implements ServerMessage {
    }

    /** What an agent in the room is doing: "connecting", "listening", "thinking", "speaking" or "ended". */
    @JsonTypeName("agent_state")
    record AgentState(String participantSid, String identity, String state) implements ServerMessage {
    }

    /**
     * The state of the call the room serves: "connecting", "agent_joining", "live" or "ended" with
     * {@code endReason}; {@code agentState} while live.
     */
    @JsonTypeName("call_state")
    record CallState(String callId, String state, String agentState, String endReason) implements ServerMessage {
    }

    /** You are out of the room (removed, room closed, consent lost); the socket closes next. */
    @JsonTypeName("left")
    record Left(String reason) implements ServerMessage {
    }

    /** A request failed; {@code code} is an {@link io.hivemind.relay.signaling.http.ErrorCode} wire name. */
    @JsonTypeName("error")
    record Error(String code, String message) implements ServerMessage {
    }

    @JsonTypeName("pong")
    record Pong() implements ServerMessage {
    }
}
