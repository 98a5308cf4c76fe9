package io.hivemind.relay.sfu.room;

import java.util.List;

/**
 * What happened in a room, delivered to {@link RoomListener}s on the room's loop. Every event carries immutable
 * snapshots, so a listener may hand them to other threads.
 */
public sealed interface RoomEvent {

    /** The room's name. */
    String room();

    record ParticipantJoined(String room, ParticipantInfo participant) implements RoomEvent {
    }

    /** @param reason why: "left", "transport closed", "removed", "room closed" */
    record ParticipantLeft(String room, ParticipantInfo participant, String reason) implements RoomEvent {
    }

    record TrackPublished(String room, TrackInfo track) implements RoomEvent {
    }

    record TrackUnpublished(String room, TrackInfo track) implements RoomEvent {
    }

    /**
     * The publisher's own mute flag or the server (admin) mute flag of a track changed; {@code track} carries both
     * flags and whether it is forwarded ({@link TrackInfo#muted()}).
     *
     * @param byServer true when the server mute changed, false when the publisher's own mute did
     */
    record TrackMuted(String room, TrackInfo track, boolean byServer) implements RoomEvent {
    }

    /**
     * A subscriber now receives a producer as its own SSRC: signaling renegotiates (offers the new SSRC), a
     * voice worker maps {@code consumerSsrc} back to the speaking participant.
     */
    record TrackSubscribed(String room, String subscriberIdentity, TrackInfo track, int consumerSsrc,
                           int payloadType) implements RoomEvent {
    }

    record TrackUnsubscribed(String room, String subscriberIdentity, TrackInfo track, int consumerSsrc)
            implements RoomEvent {
    }

    /** @param speakers the dominant speaker first, then the others speaking, loudest first; empty in silence */
    record ActiveSpeakersChanged(String room, List<ActiveSpeaker> speakers) implements RoomEvent {
        public ActiveSpeakersChanged {
            speakers = List.copyOf(speakers);
        }
    }

    /** Whose words a caption shows: a human's, as the voice model transcribed them, or an agent's speech. */
    enum CaptionRole { USER, AGENT }

    /**
     * A caption of one utterance, published by a voice worker: {@code text} is everything said so far under
     * {@code utteranceId} (a Realtime item or response id); a new id starts a new caption that replaces the last.
     *
     * @param participant who speaks (for {@link CaptionRole#USER} the worker's participant, which heard it)
     * @param complete    the utterance ended; no more text follows under this id
     */
    record Caption(String room, ParticipantInfo participant, CaptionRole role, String utteranceId, String text,
                   boolean complete) implements RoomEvent {
    }

    /** What a voice agent is doing ("listening", "thinking", "speaking", ...), published by its worker. */
    record AgentStateChanged(String room, ParticipantInfo participant, String state) implements RoomEvent {
    }

    /** The call this room was made for changed state (see the server's calls API). */
    record CallStateChanged(String room, String callId, String state, String agentState, String endReason)
            implements RoomEvent {
    }
}
