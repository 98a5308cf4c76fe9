package io.hivemind.relay.media.srtp;

/**
 * Sliding replay window over packet indexes (RFC 3711 §3.3.2): remembers the highest accepted index and which of
 * the {@value #SIZE} indexes up to it were seen. Works for the 48-bit SRTP index and the 31-bit SRTCP index alike.
 * {@link #check} runs before authentication and changes nothing; {@link #accept} runs only after the packet
 * authenticated, so a forged packet can neither advance the window nor burn an index.
 */
public final class ReplayWindow {

    /** Window width; RFC 3711 asks for at least 64. */
    public static final int SIZE = 128;

    private long highest = -1;
    /** Bit i set: index (highest - i) was accepted, for i in 0..63. */
    private long recent;
    /** Bit i set: index (highest - 64 - i) was accepted. */
    private long older;

    /** {@link SrtpStatus#OK} for an index not yet seen, else {@code REPLAYED} or {@code TOO_OLD}. */
    public SrtpStatus check(long index) {
        if (index > highest) {
            return SrtpStatus.OK;
        }
        long delta = highest - index;
        if (delta >= SIZE) {
            return SrtpStatus.TOO_OLD;
        }
        return seen(delta) ? SrtpStatus.REPLAYED : SrtpStatus.OK;
    }

    /** Records an authenticated index, sliding the window forward when it is the new highest. */
    public void accept(long index) {
        if (index > highest) {
            slide(highest < 0 ? SIZE : index - highest);
            highest = index;
            recent |= 1L;
            return;
        }
        long delta = highest - index;
        if (delta < 64) {
            recent |= 1L << delta;
        } else if (delta < SIZE) {
            older |= 1L << (delta - 64);
        }
    }

    /** The highest accepted index, or -1 before the first. */
    public long highest() {
        return highest;
    }

    /** Forgets everything, as for a new stream. */
    void reset() {
        highest = -1;
        recent = 0;
        older = 0;
    }

    private boolean seen(long delta) {
        return delta < 64 ? (recent >>> delta & 1L) != 0 : (older >>> (delta - 64) & 1L) != 0;
    }

    private void slide(long by) {
        if (by >= SIZE) {
            recent = 0;
            older = 0;
        } else if (by >= 64) {
            older = recent << (by - 64);
            recent = 0;
        } else {
            older = older << by | recent >>> (64 - by);
            recent <<= by;
        }
    }
}
