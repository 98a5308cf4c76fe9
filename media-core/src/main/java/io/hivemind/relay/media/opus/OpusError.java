package io.hivemind.relay.media.opus;

/** The error codes libopus returns (negative), with their {@code opus_defines.h} names. */
public enum OpusError {
    BAD_ARG(-1),
    BUFFER_TOO_SMALL(-2),
    INTERNAL_ERROR(-3),
    INVALID_PACKET(-4),
    UNIMPLEMENTED(-5),
    INVALID_STATE(-6),
    ALLOC_FAIL(-7),
    /** A negative code this binding does not know. */
    UNKNOWN(Integer.MIN_VALUE);

    private static final OpusError[] BY_CODE = {BAD_ARG, BUFFER_TOO_SMALL, INTERNAL_ERROR, INVALID_PACKET,
        UNIMPLEMENTED, INVALID_STATE, ALLOC_FAIL};

    private final int code;

    OpusError(int code) {
        this.code = code;
    }

    /** The libopus code, e.g. -4 for {@code OPUS_INVALID_PACKET}. */
    public int code() {
        return code;
    }

    /** The libopus macro name, e.g. {@code OPUS_INVALID_PACKET}. */
    public String libopusName() {
        return "OPUS_" + name();
    }

    static OpusError of(int code) {
        int index = -code - 1;
        return index >= 0 && index < BY_CODE.length ? BY_CODE[index] : UNKNOWN;
    }
}
