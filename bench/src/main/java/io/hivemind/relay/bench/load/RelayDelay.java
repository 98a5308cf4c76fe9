package io.hivemind.relay.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relay's own forwarding delay (read of a datagram to the write of each copy, measured on its media loops and
 * exported on {@code /metrics} as {@code relay_forwarding_delay_seconds}): cumulative Prometheus buckets at one
 * moment. Unlike the load tool's transit it leaves out both kernel hops, the time a datagram waits in the relay's
 * socket, and the load tool's own scheduling, so beside transit it shows how much of the tail is the relay's work.
 * The buckets are coarse, so a percentile is the upper bound of the bucket it falls in.
 *
 * @param upperBoundsMicros bucket upper bounds in microseconds, ascending; the last is {@link Long#MAX_VALUE} (+Inf)
 * @param cumulativeCounts  copies written within each bound so far
 */
record RelayDelay(long[] upperBoundsMicros, long[] cumulativeCounts) {

    static final String METRIC = "relay_forwarding_delay_seconds_bucket";
    private static final Pattern BUCKET = Pattern.compile(
            "^" + METRIC + "\\{(?:[^}]*,)?le=\"([^\"]+)\"[^}]*\\}\\s+([0-9.eE+-]+)\\s*$", Pattern.MULTILINE);

    /** Percentiles as bucket upper bounds, microseconds; {@code Long.MAX_VALUE} when beyond the last finite bound. */
    record Summary(long copies, long p50, long p99, long p999) {
    }

    /**
     * The buckets in Prometheus text exposition {@code metrics}, summed over label sets (one per media loop).
     *
     * @throws IllegalArgumentException when there are none, or a count or bound does not parse
     */
    static RelayDelay parse(String metrics) {
        TreeMap<Long, Long> byBound = new TreeMap<>();
        Matcher m = BUCKET.matcher(metrics);
        while (m.find()) {
            long bound = boundMicros(m.group(1));
            double count = number(m.group(2));
            if (count < 0 || count > Long.MAX_VALUE) {
                throw new IllegalArgumentException("bucket count out of range: " + m.group(2));
            }
            byBound.merge(bound, (long) count, Long::sum);
        }
        if (byBound.isEmpty()) {
            throw new IllegalArgumentException("no " + METRIC + " series in the metrics");
        }
        long[] bounds = new long[byBound.size()];
        long[] counts = new long[byBound.size()];
        int i = 0;
        for (var e : byBound.entrySet()) {
            bounds[i] = e.getKey();
            counts[i++] = e.getValue();
        }
        return new RelayDelay(bounds, counts);
    }

    private static long boundMicros(String le) {
        if (le.equals("+Inf")) {
            return Long.MAX_VALUE;
        }
        double seconds = number(le);
        if (!(seconds >= 0) || seconds > 1e6) {
            throw new IllegalArgumentException("bucket bound out of range: " + le);
        }
        return Math.round(seconds * 1e6);
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + text, e);
        }
    }

    /** The copies written between {@code earlier} and this reading (same bucket layout), as cumulative buckets. */
    RelayDelay minus(RelayDelay earlier) {
        if (!Arrays.equals(upperBoundsMicros, earlier.upperBoundsMicros)) {
            throw new IllegalArgumentException("the relay's delay buckets changed between readings");
        }
        long[] counts = new long[cumulativeCounts.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.max(0, cumulativeCounts[i] - earlier.cumulativeCounts[i]);
        }
        return new RelayDelay(upperBoundsMicros, counts);
    }

    /** p50, p99 and p99.9 as the bounds of the buckets they fall in; {@code null} when no copy was written. */
    Summary summary() {
        long total = cumulativeCounts[cumulativeCounts.length - 1];
        if (total == 0) {
            return null;
        }
        List<Long> at = new ArrayList<>();
        for (double q : new double[] {0.5, 0.99, 0.999}) {
            long rank = (long) Math.ceil(q * total);
            int i = 0;
            while (cumulativeCounts[i] < rank) {
                i++;
            }
            at.add(upperBoundsMicros[i]);
        }
        return new Summary(total, at.get(0), at.get(1), at.get(2));
    }
}
