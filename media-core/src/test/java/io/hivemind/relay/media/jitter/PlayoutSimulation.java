package io.hivemind.relay.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Drives a {@link JitterBuffer} with a {@link NetworkTrace}: packets are inserted at their arrival times and a
 * playout clock polls every 20 ms (at a phase offset, as a real audio device would), all on explicit nanoseconds.
 * Records per-poll delay and target and checks a playout invariant on the way: packets come out in sending
 * order, each at most once.
 */
final class PlayoutSimulation {
    private final JitterBuffer buffer;
    private final long pollPhaseNanos;
    private final Map<PlayoutDecision, Integer> decisions = new EnumMap<>(PlayoutDecision.class);
    private double[] delayMs;
    private double[] targetMs;
    private int polls;

    PlayoutSimulation(JitterBufferConfig config, long pollPhaseNanos) {
        this.buffer = new JitterBuffer(config);
        this.pollPhaseNanos = pollPhaseNanos;
    }

    JitterBuffer buffer() {
        return buffer;
    }

    /** Runs the whole trace and returns the outcome. */
    Outcome run(NetworkTrace trace) {
        List<NetworkTrace.Arrival> arrivals = trace.arrivals();
        int pollCount = (int) ((trace.endNanos() - pollPhaseNanos) / NetworkTrace.FRAME_NANOS) + 1;
        delayMs = new double[pollCount];
        targetMs = new double[pollCount];
        Playout out = new Playout();
        byte[] payload = new byte[120];
        long lastPlayedSend = -1;
        int next = 0;
        for (polls = 0; polls < pollCount; polls++) {
            long now = pollPhaseNanos + polls * NetworkTrace.FRAME_NANOS;
            while (next < arrivals.size() && arrivals.get(next).arrivalNanos() <= now) {
                NetworkTrace.Arrival a = arrivals.get(next++);
                writeIndex(payload, a.sendIndex());
                buffer.insert(a.sequenceNumber(), a.timestamp(), NetworkTrace.FRAME, payload, a.arrivalNanos());
            }
            buffer.poll(now, out);
            decisions.merge(out.decision(), 1, Integer::sum);
            if (out.decision() == PlayoutDecision.PLAY || out.decision() == PlayoutDecision.ACCELERATE) {
                long sendIndex = readIndex(out.payload());
                assertThat(sendIndex).as("playout order at poll %d", polls).isGreaterThan(lastPlayedSend);
                lastPlayedSend = sendIndex;
            }
            if (out.decision() == PlayoutDecision.FEC) {
                assertThat(readIndex(out.payload())).as("FEC source follows the last played")
                        .isGreaterThan(lastPlayedSend);
            }
            delayMs[polls] = buffer.currentDelayNanos() / 1e6;
            targetMs[polls] = buffer.targetDelayNanos() / 1e6;
        }
        return new Outcome(buffer.stats(), trace, Map.copyOf(decisions), delayMs, targetMs);
    }

    private static void writeIndex(byte[] payload, long index) {
        for (int i = 0; i < 8; i++) {
            payload[i] = (byte) (index >>> (56 - 8 * i));
        }
    }

    private static long readIndex(byte[] payload) {
        long index = 0;
        for (int i = 0; i < 8; i++) {
            index = index << 8 | (payload[i] & 0xFF);
        }
        return index;
    }

    /** What a run reached; delay figures cover the polls from {@code fromSecond} on. */
    record Outcome(JitterBufferStats stats, NetworkTrace trace, Map<PlayoutDecision, Integer> decisions,
                   double[] delayMs, double[] targetMs) {

        int count(PlayoutDecision decision) {
            return decisions.getOrDefault(decision, 0);
        }

        double meanDelayMs(double fromSecond) {
            int from = pollAt(fromSecond);
            double sum = 0;
            for (int i = from; i < delayMs.length; i++) {
                sum += delayMs[i];
            }
            return sum / Math.max(1, delayMs.length - from);
        }

        double maxDelayMs(double fromSecond, double toSecond) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = pollAt(fromSecond); i < Math.min(pollAt(toSecond), delayMs.length); i++) {
                max = Math.max(max, delayMs[i]);
            }
            return max;
        }

        double minDelayMs(double fromSecond, double toSecond) {
            double min = Double.POSITIVE_INFINITY;
            for (int i = pollAt(fromSecond); i < Math.min(pollAt(toSecond), delayMs.length); i++) {
                min = Math.min(min, delayMs[i]);
            }
            return min;
        }

        double targetAtMs(double second) {
            return targetMs[Math.min(pollAt(second), targetMs.length - 1)];
        }

        double maxTargetMs(double fromSecond, double toSecond) {
            double max = 0;
            for (int i = pollAt(fromSecond); i < Math.min(pollAt(toSecond), targetMs.length); i++) {
                max = Math.max(max, targetMs[i]);
            }
            return max;
        }

        /** Lost plus concealed-or-recovered frames as a share of frames the sender produced. */
        double lossPercent() {
            return 100.0 * (stats.concealed() + stats.fecRecovered()) / trace.sent();
        }

        String summary(String name) {
            return String.format("%-28s mean delay %6.1f ms (tail), target %5.1f ms, concealed %5.2f %%, FEC %4d,"
                            + " late %5.2f %%, stretch %3d, accel %3d, silence %3d, dup %3d, resync %d",
                    name, meanDelayMs(delayMs.length * 0.02 / 2), targetMs[targetMs.length - 1],
                    stats.concealedPercent(), stats.fecRecovered(), stats.latePercent(), stats.stretched(),
                    stats.accelerated(), stats.silence(), stats.duplicate(), stats.resyncs());
        }

        private static int pollAt(double second) {
            return (int) Math.max(0, Math.round(second * 1e9 / NetworkTrace.FRAME_NANOS));
        }
    }
}
