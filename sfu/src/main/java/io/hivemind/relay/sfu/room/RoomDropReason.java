package io.hivemind.relay.sfu.room;

/** Why the room dropped an inbound packet; each has a counter in {@link RoomCounters}. */
public enum RoomDropReason {
    /** Not valid RTP (RFC 3550 §5.1). */
    MALFORMED_RTP,
    /** Not a valid compound or reduced-size RTCP packet (RFC 3550 §6.1, RFC 5506). */
    MALFORMED_RTCP,
    /** RTP with an SSRC the sender has not published. */
    UNKNOWN_SSRC,
    /** RTP with a payload type other than the track's Opus one (comfort noise, DTMF, RED are not forwarded). */
    WRONG_PAYLOAD_TYPE,
    /** RTP of a muted or paused producer. */
    PRODUCER_MUTED,
    /** The sending participant already left or the room closed. */
    NOT_JOINED,
    /** A sink threw instead of releasing and counting (a transport bug). */
    SINK_FAILED
}
