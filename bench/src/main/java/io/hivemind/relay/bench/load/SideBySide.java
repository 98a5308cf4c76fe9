package io.hivemind.relay.bench.load;

import java.util.List;
import java.util.Locale;

/**
 * Our relay and a peer measured in the same run on the same machine, window by window (matched by scenario label
 * and position), with the ratios the issue asks for: forwarded packets per relay CPU-second, p99 and p99.9 transit,
 * loss. A ratio above 1 favours us for throughput; below 1 favours us for latency.
 */
final class SideBySide {

    private SideBySide() {
    }

    /** The markdown comparison of {@code ours} against {@code peer}. */
    static String markdown(LoadReport ours, LoadReport peer) {
        StringBuilder md = new StringBuilder();
        md.append("| scenario | clients | forwarded/s (ours / ").append(peer.target())
                .append(") | forwarded per relay CPU-s (ours / peer = ratio) | p99 (ours / peer) |"
                        + " p99.9 (ours / peer) | loss (ours / peer) | relay CPU (ours / peer) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        List<WindowResult> peerWindows = peer.windows();
        for (int i = 0; i < ours.windows().size(); i++) {
            WindowResult a = ours.windows().get(i);
            WindowResult b = matching(peerWindows, a, i);
            if (b == null) {
                continue;
            }
            md.append(String.format(Locale.ROOT,
                    "| %s | %d / %d | %,.0f / %,.0f | %,.0f / %,.0f = %s | %s / %s = %s | %s / %s = %s |"
                            + " %.3f%% / %.3f%% | %.0f%% / %.0f%% |%n",
                    a.scenario(), a.peers(), b.peers(), a.receivedPerSecond(), b.receivedPerSecond(),
                    a.forwardedPerServerCpuSecond(), b.forwardedPerServerCpuSecond(),
                    ratio(a.forwardedPerServerCpuSecond(), b.forwardedPerServerCpuSecond()),
                    LoadReport.millis(a.latencyMicros().p99()), LoadReport.millis(b.latencyMicros().p99()),
                    ratio(a.latencyMicros().p99(), b.latencyMicros().p99()),
                    LoadReport.millis(a.latencyMicros().p999()), LoadReport.millis(b.latencyMicros().p999()),
                    ratio(a.latencyMicros().p999(), b.latencyMicros().p999()), a.lossPercent(), b.lossPercent(),
                    100 * a.serverCores(), 100 * b.serverCores()));
        }
        return md.toString();
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
