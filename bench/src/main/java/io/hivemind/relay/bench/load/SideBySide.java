package io.hivemind.relay.bench.load;

import java.util.List;
import java.util.Locale;

/**
 * Our relay and a peer measured in the same run on the same machine, window by window (matched by scenario label
 * and position), with the ratios the issue asks for: forwarded packets per relay CPU-second, p99 and p99.9 transit,
 * loss. A ratio above 1 favours us for throughput; below 1 favours us for latency. A window only one side reached
 * (a ramp step past the other's limit) is listed with a dash for the other.
 */
final class SideBySide {

    /** One scenario's two reports: ours and the peer's, run one right after the other. */
    record Pair(LoadReport ours, LoadReport peer) {
    }

    private SideBySide() {
    }

    /** The markdown comparison of every pair, one table, then the ramp capacities found. */
    static String markdown(List<Pair> pairs) {
        String peerName = pairs.isEmpty() ? "peer" : pairs.get(0).peer().target();
        StringBuilder md = new StringBuilder();
        md.append("| scenario | clients (ours / ").append(peerName).append(") | forwarded/s"
                + " | forwarded per relay CPU-s (ours / peer = ratio) | p99 (ours / peer) |"
                + " p99.9 (ours / peer) | loss (ours / peer) | relay CPU (ours / peer) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Pair pair : pairs) {
            List<WindowResult> peerWindows = pair.peer().windows();
            for (int i = 0; i < pair.ours().windows().size(); i++) {
                WindowResult a = pair.ours().windows().get(i);
                WindowResult b = matching(peerWindows, a, i);
                md.append(b == null ? oneSide(a, true) : row(a, b));
            }
            for (WindowResult b : peerWindows) {
                if (pair.ours().windows().stream().noneMatch(a -> a.scenario().equals(b.scenario()))) {
                    md.append(oneSide(b, false));
                }
            }
        }
        for (Pair pair : pairs) {
            WindowResult a = pair.ours().capacity();
            WindowResult b = pair.peer().capacity();
            if (a != null || b != null) {
                md.append(String.format(Locale.ROOT, "%nRamp capacity within the limits: ours %s, %s %s"
                        + " forwarded packets/s (ratio %s).%n", capacity(a), peerName, capacity(b),
                        ratio(a == null ? 0 : a.receivedPerSecond(), b == null ? 0 : b.receivedPerSecond())));
            }
        }
        return md.toString();
    }

    private static String row(WindowResult a, WindowResult b) {
        return String.format(Locale.ROOT,
                "| %s | %d / %d | %,.0f / %,.0f | %,.0f / %,.0f = %s | %s / %s = %s | %s / %s = %s |"
                        + " %.3f%% / %.3f%% | %.0f%% / %.0f%% |%n",
                a.scenario(), a.peers(), b.peers(), a.receivedPerSecond(), b.receivedPerSecond(),
                a.forwardedPerServerCpuSecond(), b.forwardedPerServerCpuSecond(),
                ratio(a.forwardedPerServerCpuSecond(), b.forwardedPerServerCpuSecond()),
                LoadReport.millis(a.latencyMicros().p99()), LoadReport.millis(b.latencyMicros().p99()),
                ratio(a.latencyMicros().p99(), b.latencyMicros().p99()),
                LoadReport.millis(a.latencyMicros().p999()), LoadReport.millis(b.latencyMicros().p999()),
                ratio(a.latencyMicros().p999(), b.latencyMicros().p999()), a.lossPercent(), b.lossPercent(),
                100 * a.serverCores(), 100 * b.serverCores());
    }

    /** A window only one side measured; the other side's cells are dashes. */
    private static String oneSide(WindowResult w, boolean ours) {
        String[] cells = {String.valueOf(w.peers()), String.format(Locale.ROOT, "%,.0f", w.receivedPerSecond()),
                String.format(Locale.ROOT, "%,.0f", w.forwardedPerServerCpuSecond()),
                LoadReport.millis(w.latencyMicros().p99()), LoadReport.millis(w.latencyMicros().p999()),
                String.format(Locale.ROOT, "%.3f%%", w.lossPercent()),
                String.format(Locale.ROOT, "%.0f%%", 100 * w.serverCores())};
        StringBuilder row = new StringBuilder("| ").append(w.scenario()).append(" |");
        for (String cell : cells) {
            row.append(' ').append(ours ? cell + " / —" : "— / " + cell).append(" |");
        }
        return row.append('\n').toString();
    }

    private static String capacity(WindowResult w) {
        return w == null ? "none (the first step broke a limit)" : String.format(Locale.ROOT, "%,.0f",
                w.receivedPerSecond());
    }

    /** The peer window with the same scenario label at the same position among that label's windows. */
    static WindowResult matching(List<WindowResult> peerWindows, WindowResult ours, int index) {
        if (index < peerWindows.size() && peerWindows.get(index).scenario().equals(ours.scenario())) {
            return peerWindows.get(index);
        }
        return peerWindows.stream().filter(w -> w.scenario().equals(ours.scenario())).findFirst().orElse(null);
    }

    /** {@code a / b} to two decimals, or {@code n/a} when {@code b} is 0. */
    static String ratio(double a, double b) {
        return b == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f×", a / b);
    }
}
