package io.hivemind.relay.bench.load;

import java.util.List;

/**
 * The RFC 3550 interarrival jitter of every received stream at the end of a window, summarised over streams, in
 * milliseconds (the jitter itself comes from media-core's {@code ReceptionStatistics}).
 */
public record JitterSummary(int streams, double p50, double p99, double max) {

    /** Nearest-rank percentiles over {@code perStreamMillis}; all zero when there is no stream. */
    public static JitterSummary of(List<Double> perStreamMillis) {
        if (perStreamMillis.isEmpty()) {
            return new JitterSummary(0, 0, 0, 0);
        }
        double[] sorted = perStreamMillis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new JitterSummary(sorted.length, nearestRank(sorted, 50), nearestRank(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** The smallest value with at least {@code percent} % of the values at or below it. */
    static double nearestRank(double[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
