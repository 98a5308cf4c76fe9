package io.hivemind.relay.media.rtp;

/**
 * Extends a wrapping 16-bit RTP sequence number or 32-bit RTP timestamp to a {@code long} that never wraps, using
 * serial number arithmetic (RFC 1982, as RFC 3550 section A.1 applies it to RTP): each value is read as the signed
 * distance, modulo 2^bits, from the newest value seen so far. A value less than half the number space behind the
 * newest is an older (reordered or duplicate) one, anything else is newer. Reordering across a wrap
 * (65534, 1, 65535, 2) therefore comes out right (65534, 65537, 65535, 65538), and a value before the first one
 * unwraps below it, possibly below zero. Not thread-safe; one per stream.
 */
public final class SerialNumberUnwrapper {
    private final int bits;
    private final long modulus;
    private boolean primed;
    private long newest;

    public SerialNumberUnwrapper(int bits) {
        if (bits < 2 || bits > 32) {
            throw new IllegalArgumentException("bits must be in 2..32: " + bits);
        }
        this.bits = bits;
        this.modulus = 1L << bits;
    }

    /** The extended value for {@code value} (its low {@code bits} bits are used); the first value is taken as is. */
    public long unwrap(long value) {
        long wire = value & (modulus - 1);
        if (!primed) {
            primed = true;
            newest = wire;
            return wire;
        }
        long extended = newest + distance(wire);
        if (extended > newest) {
            newest = extended;
        }
        return extended;
    }

    /** The extended value {@code value} would get, without recording it as seen. */
    public long peek(long value) {
        long wire = value & (modulus - 1);
        return primed ? newest + distance(wire) : wire;
    }

    /** Signed distance from the newest value to {@code wire}, in (-2^(bits-1), 2^(bits-1)]. */
    private long distance(long wire) {
        long delta = (wire - newest) & (modulus - 1);
        return delta > modulus >>> 1 ? delta - modulus : delta;
    }

    public boolean primed() {
        return primed;
    }

    /** Forgets the history: the next value starts a new number line (stream restart). */
    public void reset() {
        primed = false;
        newest = 0;
    }

    @Override
    public String toString() {
        return "SerialNumberUnwrapper[" + bits + " bits, newest=" + (primed ? newest : "none") + ']';
    }
}
