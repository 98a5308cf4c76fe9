package io.hivemind.relay.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Garbage-collection totals of another JVM through {@code jstat -gc <pid>} (the JDK's own tool, no agent in the
 * server): collections counted and seconds spent, summed over young, full and concurrent cycles ({@code GCT}).
 */
final class JstatGc {

    /** Totals at one moment; a window subtracts two. */
    record Totals(long collections, double seconds) {
        Totals minus(Totals earlier) {
            return new Totals(collections - earlier.collections, seconds - earlier.seconds);
        }
    }

    private final long pid;

    JstatGc(long pid) {
        this.pid = pid;
    }

    /** The totals now, or {@code null} when the process is not a JVM jstat can attach to (Janus). */
    Totals read() {
        try {
            Process jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid)).redirectErrorStream(true).start();
            String output = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jstat.waitFor(10, TimeUnit.SECONDS) || jstat.exitValue() != 0) {
                return null;
            }
            return parse(output);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Parses {@code jstat -gc} output: a header line of column names and a line of values. Counts are the columns
     * {@code YGC}, {@code FGC} and (JDK 11+) {@code CGC}; time is {@code GCT}.
     *
     * @throws IllegalArgumentException when the output does not have that shape
     */
    static Totals parse(String output) {
        String[] lines = output.strip().split("\\R");
        if (lines.length < 2) {
            throw new IllegalArgumentException("jstat output has no value line");
        }
        String[] names = lines[0].trim().split("\\s+");
        String[] values = lines[1].trim().split("\\s+");
        if (names.length != values.length) {
            throw new IllegalArgumentException("jstat header and values differ in length");
        }
        long collections = 0;
        double seconds = Double.NaN;
        try {
            for (int i = 0; i < names.length; i++) {
                if ("-".equals(values[i])) {
                    continue; // a column this collector does not have (CGC under Parallel or Serial)
                }
                switch (names[i]) {
                    case "YGC", "FGC", "CGC" -> collections += Long.parseLong(values[i]);
                    case "GCT" -> seconds = Double.parseDouble(values[i]);
                    default -> { }
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("jstat value is not a number", e);
        }
        if (Double.isNaN(seconds) || seconds < 0 || collections < 0) {
            throw new IllegalArgumentException("jstat output has no GCT column");
        }
        return new Totals(collections, seconds);
    }
}
