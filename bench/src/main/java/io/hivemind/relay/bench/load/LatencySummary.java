package io.hivemind.relay.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one-way transit through the relay, in microseconds: from the publisher's send call to the
 * subscriber's read, both in the load tool's process (one monotonic clock), so it includes two kernel UDP hops, the
 * relay's work and the load tool's own scheduling delay.
 */
public record LatencySummary(long count, long p50, long p90, long p99, long p999, long max) {

    /** The summary of {@code micros}; all zero when it is empty. */
    public static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(micros.getTotalCount(), micros.getValueAtPercentile(50),
                micros.getValueAtPercentile(90), micros.getValueAtPercentile(99), micros.getValueAtPercentile(99.9),
                micros.getMaxValue());
    }
}
