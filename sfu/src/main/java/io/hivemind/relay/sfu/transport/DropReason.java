package io.hivemind.relay.sfu.transport;

/**
 * Why the media socket dropped a datagram before any transport took it: the {@code reason} label of
 * {@code relay_drops_total}. Drops deeper in a transport (SRTP, DTLS) or a room are counted there, under their own
 * reason names.
 */
public enum DropReason {
    /** First byte outside STUN, DTLS and RTP/RTCP (RFC 7983), or an empty datagram. */
    UNKNOWN_CLASS,
    /** STUN first byte but the message does not parse (RFC 8489 §6.3: silently discarded). */
    STUN_MALFORMED,
    /** A well-formed STUN message without a USERNAME naming a registered local ufrag. */
    STUN_UNKNOWN_USERNAME,
    /** STUN dropped by the ICE agent: FINGERPRINT missing or wrong, not a request, or a closed transport. */
    STUN_IGNORED,
    /** STUN request answered with an error (400, 401, 420, 487): counted, though it got a response. */
    STUN_REJECTED,
    /** DTLS or RTP/RTCP from an address no authenticated ICE check validated. */
    UNKNOWN_SOURCE,
    /** An exception escaped the handling of a datagram; logged, rate limited. */
    HANDLER_EXCEPTION
}
