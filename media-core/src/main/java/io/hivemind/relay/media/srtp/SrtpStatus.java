package io.hivemind.relay.media.srtp;

/**
 * Outcome of protecting or unprotecting one packet. Packet input never throws: every byte sequence ends in one of
 * these, and only {@link #OK} leaves the buffer changed.
 */
public enum SrtpStatus {
    /** Protected or verified and decrypted in place. */
    OK,
    /** Shorter than the fixed header plus trailer and tag, or the header's own lengths overrun the packet. */
    TOO_SHORT,
    /** Longer than any UDP datagram ({@value SrtpContext#MAX_PACKET_LENGTH} bytes). */
    TOO_LONG,
    /** Not RTP/RTCP version 2. */
    MALFORMED,
    /** Protect: the buffer cannot grow by the tag (and SRTCP trailer) length. */
    NO_TAILROOM,
    /** The authentication tag (HMAC-SHA1 or GCM) does not verify. */
    AUTH_FAILED,
    /** The index was already received inside the replay window (RFC 3711 §3.3.2). */
    REPLAYED,
    /** The index is older than the replay window reaches, or precedes the stream's first packet. */
    TOO_OLD,
    /** The master key has protected its 2^48 SRTP or 2^31 SRTCP packets (RFC 3711 §9.2): re-key. */
    KEY_EXHAUSTED,
    /** A packet from an SSRC beyond the context's stream limit. */
    STREAM_LIMIT
}
