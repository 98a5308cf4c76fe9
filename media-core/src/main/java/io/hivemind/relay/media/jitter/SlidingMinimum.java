package io.hivemind.relay.media.jitter;

import java.util.Arrays;

/**
 * The minimum of the values seen during the last {@code window} nanoseconds, kept in a fixed number of sub-windows
 * so memory and time per sample are bounded. The jitter buffer uses it for the "fastest packet" reference: the
 * smallest arrival-minus-media-time offset lately, which follows sender/receiver clock drift because old samples age
 * out. Time moves only with samples: a stream that pauses (DTX) keeps its reference until it speaks again.
 */
final class SlidingMinimum {
    private final long subWindowNanos;
    private final long[] minima;
    private final long[] starts;
    private int newest = -1;

    SlidingMinimum(long windowNanos, int subWindows) {
        if (windowNanos <= 0 || subWindows <= 0 || windowNanos < subWindows) {
            throw new IllegalArgumentException("bad window " + windowNanos + " / " + subWindows);
        }
        this.subWindowNanos = windowNanos / subWindows;
        this.minima = new long[subWindows];
        this.starts = new long[subWindows];
        reset();
    }

    void add(long nowNanos, long value) {
        if (newest < 0 || nowNanos - starts[newest] >= subWindowNanos) {
            newest = newest < 0 ? 0 : (newest + 1) % minima.length;
            starts[newest] = nowNanos;
            minima[newest] = value;
        } else if (value < minima[newest]) {
            minima[newest] = value;
        }
        long horizon = nowNanos - subWindowNanos * minima.length;
        for (int i = 0; i < minima.length; i++) {
            if (i != newest && starts[i] - horizon < 0) {
                minima[i] = Long.MAX_VALUE;
            }
        }
    }

    boolean isEmpty() {
        return newest < 0;
    }

    /** The windowed minimum; {@link Long#MAX_VALUE} when empty. */
    long minimum() {
        long min = Long.MAX_VALUE;
        for (long m : minima) {
            min = Math.min(min, m);
        }
        return min;
    }

    void reset() {
        Arrays.fill(minima, Long.MAX_VALUE);
        Arrays.fill(starts, Long.MIN_VALUE);
        newest = -1;
    }
}
