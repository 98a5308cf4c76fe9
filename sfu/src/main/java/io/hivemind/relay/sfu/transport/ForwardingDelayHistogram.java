package io.hivemind.relay.sfu.transport;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Fixed-bucket histogram of forwarding delay (from reading an RTP datagram off a media socket to the flush that
 * hands its forwarded copies to the kernel), cheap enough for the packet path: {@link #record} does a short
 * bucket scan and two opaque stores, no allocation, no lock. One writer per instance (the event loop that owns
 * it); scrapes read with opaque loads, so the counts are at worst a packet behind. Several event loops each keep
 * their own instance and {@link #addTo(long[])} sums them.
 */
public final class ForwardingDelayHistogram {

    /** Upper bounds in microseconds; the last bucket is +Inf. */
    private static final long[] BOUNDS_MICROS = {
        50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000};

    private final AtomicLongArray counts = new AtomicLongArray(BOUNDS_MICROS.length + 1);
    private final AtomicLongArray sumMicros = new AtomicLongArray(1);

    /** Records {@code copies} forwarded copies that each took {@code delayNanos}. Single writer only. */
    public void record(long delayNanos, int copies) {
        long micros = Math.max(0, delayNanos / 1_000);
        int bucket = 0;
        while (bucket < BOUNDS_MICROS.length && micros > BOUNDS_MICROS[bucket]) {
            bucket++;
        }
        counts.setOpaque(bucket, counts.getPlain(bucket) + copies);
        sumMicros.setOpaque(0, sumMicros.getPlain(0) + micros * copies);
    }

    /** Adds this histogram's per-bucket counts into {@code into} (length buckets) and returns its sum in µs. */
    public long addTo(long[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] += counts.getOpaque(i);
        }
        return sumMicros.getOpaque(0);
    }

    /** The buckets' upper bounds in seconds, the last one {@code +Inf} (Prometheus {@code le} labels). */
    public static double[] upperBoundsSeconds() {
        double[] bounds = new double[buckets()];
        for (int i = 0; i < BOUNDS_MICROS.length; i++) {
            bounds[i] = BOUNDS_MICROS[i] / 1e6;
        }
        bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
        return bounds;
    }

    /** Number of buckets including +Inf. */
    public static int buckets() {
        return BOUNDS_MICROS.length + 1;
    }
}
