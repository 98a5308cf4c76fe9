package io.hivemind.relay.media.stun;

/**
 * Why {@link StunMessage#wrap} refused a datagram (RFC 8489 §6.3: a malformed message is silently discarded).
 * {@link #NONE} means the message was accepted.
 */
public enum StunDropReason {
    /** Accepted. */
    NONE,
    /** Fewer bytes than the 20-byte header, or fewer than the header's length field announces. */
    TRUNCATED,
    /** The two most significant bits are not zero: not STUN (RFC 8489 §5). */
    NOT_STUN,
    /** The magic cookie is not 0x2112A442 (classic RFC 3489 STUN, or not STUN at all). */
    BAD_MAGIC,
    /** The length field is not a multiple of 4, or the datagram has bytes past the message. */
    BAD_LENGTH,
    /** An attribute overruns the message, or a known attribute has an impossible length or value. */
    BAD_ATTRIBUTE,
    /** An attribute follows FINGERPRINT, which must be last (RFC 8489 §14.7). */
    MISPLACED_FINGERPRINT
}
