package io.hivemind.relay.media.stun;

/**
 * The class of a STUN message (RFC 8489 §5): two bits, C1 and C0, interleaved with the method bits of the
 * message type.
 */
public enum StunClass {
    REQUEST(0b00),
    INDICATION(0b01),
    SUCCESS_RESPONSE(0b10),
    ERROR_RESPONSE(0b11);

    private static final StunClass[] BY_BITS = values();

    private final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    /** The two class bits, C1 C0. */
    public int bits() {
        return bits;
    }

    /** Whether this is a success or an error response. */
    public boolean isResponse() {
        return this == SUCCESS_RESPONSE || this == ERROR_RESPONSE;
    }

    static StunClass ofBits(int bits) {
        return BY_BITS[bits & 0b11];
    }
}
