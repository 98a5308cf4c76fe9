package io.hivemind.relay.media.opus;

/** libopus refused an operation; {@link #error()} says why, with the libopus error name in the message. */
public final class OpusException extends RuntimeException {

    private final OpusError error;
    private final int code;

    OpusException(String operation, int code) {
        super(operation + " failed: " + OpusError.of(code).libopusName() + " (" + code + ")");
        this.error = OpusError.of(code);
        this.code = code;
    }

    public OpusError error() {
        return error;
    }

    /** The raw negative code libopus returned. */
    public int code() {
        return code;
    }

    /** Returns {@code result} when it is not a libopus error code, else throws. */
    static int check(String operation, int result) {
        if (result < 0) {
            throw new OpusException(operation, result);
        }
        return result;
    }
}
