package io.hivemind.relay.media.rtp;

/**
 * Serial number arithmetic (RFC 1982 §3) on 16-bit RTP sequence numbers.
 *
 * <p>RFC 1982 leaves the order of two numbers exactly 2^15 apart undefined; here the numerically larger one is the
 * newer, so {@link #isNewer} is a strict order on every pair and agrees with the sign of {@link #difference}.
 */
public final class SequenceNumbers {
    /** 2^16: sequence numbers count modulo this. */
    public static final int MODULUS = 1 << 16;
    private static final int MASK = MODULUS - 1;
    private static final int HALF = MODULUS / 2;

    private SequenceNumbers() {
    }

    /**
     * How many steps {@code a} is ahead of {@code b} (negative when behind), in -32768..32768. The low 16 bits of
     * each argument are used.
     */
    public static int difference(int a, int b) {
        int forward = (a - b) & MASK;
        if (forward < HALF) {
            return forward;
        }
        if (forward > HALF) {
            return forward - MODULUS;
        }
        return (a & MASK) > (b & MASK) ? HALF : -HALF;
    }

    /** Whether {@code a} comes after {@code b} (RFC 1982 "s1 &gt; s2"). */
    public static boolean isNewer(int a, int b) {
        return difference(a, b) > 0;
    }

    /** {@code a} advanced by {@code steps} (may be negative), modulo 2^16. */
    public static int add(int a, int steps) {
        return (a + steps) & MASK;
    }
}
