package io.hivemind.relay.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a JMH JSON result ({@code -rf json}) with the committed baseline and prints every benchmark that got
 * slower (average time up, or throughput down) by more than the tolerance, or that allocates more per operation
 * ({@code gc.alloc.rate.norm} up by more than {@link #ALLOCATION_SLACK_BYTES}). Exit status 1 when anything
 * regressed, so {@code bench/jmh-guard.sh} can be run before merging a hot-path change. Not a CI gate: a shared
 * virtual machine is too noisy for one.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.hivemind.relay.bench.jmh.JmhGuard BASELINE.json RESULT.json [TOLERANCE]
 * </pre>
 */
public final class JmhGuard {

    /** Allocation noise JMH's GC profiler shows for allocation-free code (a few hundredths of a byte). */
    static final double ALLOCATION_SLACK_BYTES = 1.0;
    private static final String ALLOCATION = "gc.alloc.rate.norm";

    /** One benchmark's figures: the primary score (lower is better when {@code lowerIsBetter}) and B/op. */
    record Score(double score, String unit, boolean lowerIsBetter, double bytesPerOp) {
    }

    /** One line of the comparison. */
    record Comparison(String name, Score baseline, Score current, boolean slower, boolean allocates) {

        boolean regressed() {
            return slower || allocates;
        }

        /** Current over baseline, oriented so that above 1 is worse. */
        double worseBy() {
            return current.lowerIsBetter() ? current.score() / baseline.score() : baseline.score() / current.score();
        }
    }

    private JmhGuard() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: JmhGuard BASELINE.json RESULT.json [TOLERANCE, default 0.15]");
            System.exit(2);
        }
        double tolerance = args.length == 3 ? Double.parseDouble(args[2]) : 0.15;
        ObjectMapper json = new ObjectMapper();
        Map<String, Score> baseline = scores(json.readTree(Path.of(args[0]).toFile()));
        Map<String, Score> current = scores(json.readTree(Path.of(args[1]).toFile()));
        List<Comparison> comparisons = compare(baseline, current, tolerance);
        System.out.printf(Locale.ROOT, "%-70s %14s %14s %8s  %s%n", "benchmark", "baseline", "now", "worse", "");
        for (Comparison c : comparisons) {
            System.out.printf(Locale.ROOT, "%-70s %14.3f %14.3f %7.1f%%  %s%n", c.name(), c.baseline().score(),
                    c.current().score(), 100 * (c.worseBy() - 1), c.slower() ? "SLOWER"
                            : c.allocates() ? "ALLOCATES " + c.current().bytesPerOp() + " B/op" : "ok");
        }
        long notRun = baseline.keySet().stream().filter(name -> !current.containsKey(name)).count();
        if (notRun > 0) {
            System.out.printf(Locale.ROOT, "%d baseline benchmarks were not run (a subset was selected)%n", notRun);
        }
        long regressions = comparisons.stream().filter(Comparison::regressed).count();
        System.out.printf(Locale.ROOT, "%d of %d benchmarks regressed beyond %.0f%%%n", regressions,
                comparisons.size(), 100 * tolerance);
        System.exit(regressions == 0 ? 0 : 1);
    }

    /** Benchmarks present in both, compared; in the current result's order. */
    static List<Comparison> compare(Map<String, Score> baseline, Map<String, Score> current, double tolerance) {
        List<Comparison> out = new ArrayList<>();
        for (Map.Entry<String, Score> entry : current.entrySet()) {
            Score before = baseline.get(entry.getKey());
            if (before == null) {
                continue;
            }
            Score now = entry.getValue();
            Comparison provisional = new Comparison(entry.getKey(), before, now, false, false);
            boolean slower = provisional.worseBy() > 1 + tolerance;
            boolean allocates = !Double.isNaN(before.bytesPerOp()) && !Double.isNaN(now.bytesPerOp())
                    && now.bytesPerOp() > before.bytesPerOp() + ALLOCATION_SLACK_BYTES;
            out.add(new Comparison(entry.getKey(), before, now, slower, allocates));
        }
        return out;
    }

    /**
     * The scores in a JMH JSON result, keyed by benchmark name and parameters
     * ({@code io.x.RtpBenchmark.parseAndRewrite [buffer=heap]}).
     *
     * @throws IllegalArgumentException when the document is not a JMH result array
     */
    static Map<String, Score> scores(JsonNode result) {
        if (!result.isArray()) {
            throw new IllegalArgumentException("a JMH JSON result is an array of benchmarks");
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        for (JsonNode run : result) {
            String benchmark = run.path("benchmark").asText("");
            JsonNode primary = run.path("primaryMetric");
            if (benchmark.isEmpty() || !primary.path("score").isNumber()) {
                throw new IllegalArgumentException("a JMH result entry needs benchmark and primaryMetric.score");
            }
            Map<String, String> params = new TreeMap<>();
            run.path("params").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
            String name = params.isEmpty() ? benchmark : benchmark + " " + params;
            String mode = run.path("mode").asText("avgt");
            JsonNode allocation = run.path("secondaryMetrics").path(ALLOCATION).path("score");
            scores.put(name, new Score(primary.get("score").asDouble(), primary.path("scoreUnit").asText(""),
                    !"thrpt".equals(mode), allocation.isNumber() ? allocation.asDouble() : Double.NaN));
        }
        return scores;
    }
}
