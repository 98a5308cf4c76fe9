package io.hivemind.relay.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A load run's report: where it ran, every measured window, and for a ramp the capacity found (the last step within
 * the limits). Written as JSON (for {@code compare} and later tooling) and as a markdown table.
 *
 * @param capacity the last ramp window within the limits, or {@code null} when the run was not a ramp or no step
 *                 passed
 */
public record LoadReport(String target, String startedAt, String machine, String jdk, String command,
                         List<WindowResult> windows, WindowResult capacity) {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes {@code <base>.json} and {@code <base>.md}. */
    void write(Path base) throws IOException {
        Path parent = base.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(base.resolveSibling(base.getFileName() + ".json").toFile(), this);
        Files.writeString(base.resolveSibling(base.getFileName() + ".md"), markdown());
    }

    static LoadReport read(Path json) throws IOException {
        return JSON.readValue(json.toFile(), LoadReport.class);
    }

    /** The report as a markdown section. */
    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(target).append(" — ").append(startedAt).append("\n\n");
        md.append("Machine: ").append(machine).append("; JDK: ").append(jdk).append("\n\n");
        md.append("Command: `").append(command).append("`\n\n");
        md.append("| scenario | rooms × (talkers + listeners) | clients | sent/s | forwarded/s | loss | p50 | p90 |"
                + " p99 | p99.9 | max | relay's own delay p50/p99/p99.9 | jitter p50/p99 | relay CPU | forwarded per relay CPU-s | load tool CPU |"
                + " relay GC | load tool GC |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (WindowResult w : windows) {
            md.append(row(w));
        }
        if (capacity != null) {
            md.append("\nCapacity found: ").append(String.format(Locale.ROOT, "%,.0f", capacity.receivedPerSecond()))
                    .append(" forwarded packets/s (").append(capacity.rooms()).append(" rooms, ")
                    .append(capacity.peers()).append(" clients) within the limits.\n");
        }
        return md.toString();
    }

    private static String row(WindowResult w) {
        LatencySummary l = w.latencyMicros();
        return String.format(Locale.ROOT, "| %s | %d × (%d + %d) | %d | %,.0f | %,.0f | %.3f%% | %s | %s | %s | %s |"
                + " %s | %s | %.2f / %.2f ms | %.0f%% | %,.0f | %.0f%% | %s | %s |%n", w.scenario(), w.rooms(),
                w.publishersPerRoom(), w.subscribersPerRoom(), w.peers(), w.sentPerSecond(), w.receivedPerSecond(),
                w.lossPercent(), millis(l.p50()), millis(l.p90()), millis(l.p99()), millis(l.p999()),
                millis(l.max()), relayDelay(w.relayDelayMicros()), w.jitterMillis().p50(), w.jitterMillis().p99(), 100 * w.serverCores(),
                w.forwardedPerServerCpuSecond(), 100 * w.loadToolCores(), gc(w.serverGc()), gc(w.loadToolGc()));
    }

    static String millis(long micros) {
        return String.format(Locale.ROOT, "%.3f ms", micros / 1000.0);
    }

    /** Bucket bounds: {@code ≤ 0.25 / ≤ 0.5 / ≤ 1 ms}; n/a for a relay without the metric. */
    static String relayDelay(RelayDelay.Summary d) {
        if (d == null) {
            return "n/a";
        }
        return bound(d.p50()) + " / " + bound(d.p99()) + " / " + bound(d.p999()) + " ms";
    }

    private static String bound(long micros) {
        return micros == Long.MAX_VALUE ? "> last bucket"
                : "≤ " + BigDecimal.valueOf(micros, 3).stripTrailingZeros().toPlainString();
    }

    private static String gc(WindowResult.GcSummary gc) {
        return gc == null ? "n/a" : String.format(Locale.ROOT, "%d / %.0f ms", gc.collections(), gc.millis());
    }
}
