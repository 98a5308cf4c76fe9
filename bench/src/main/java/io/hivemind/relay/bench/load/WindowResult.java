package io.hivemind.relay.bench.load;

/**
 * One measured window of a load run (a scenario, or one step of a ramp).
 *
 * @param target             {@code hivemind} or {@code janus}
 * @param peers              PeerConnections the load tool held open
 * @param sent               RTP packets the publishers sent in the window
 * @param received           RTP packets the subscribers received (the relay's forwarded out-packets that arrived)
 * @param lost               packets missing by the receivers' sequence numbers (RFC 3550 A.3), never negative
 * @param lossPercent        {@code lost} over the packets the sequence numbers say were sent
 * @param serverCores        the relay process's CPU over the window, in cores (1.0 = one core busy)
 * @param loadToolCores      the load tool's own CPU, in cores: it shares the machine
 * @param forwardedPerServerCpuSecond {@code received} per CPU-second of the relay process
 * @param serverGc           the relay's collections in the window ({@code null} for a non-JVM relay)
 * @param receiveFailures    RTP that arrived before the keys, failed SRTP or did not parse
 * @param unstamped          RTP without a send time (not counted in latency)
 * @param relayDelayMicros   the relay's own read-to-write delay over the window, from its metrics ({@code null}
 *                           when it exports none)
 */
public record WindowResult(String target, String scenario, int rooms, int publishersPerRoom,
                           int subscribersPerRoom, int peers, double seconds, long sent, long received, long lost,
                           double lossPercent, double sentPerSecond, double receivedPerSecond,
                           LatencySummary latencyMicros, JitterSummary jitterMillis, double serverCores,
                           double loadToolCores, double forwardedPerServerCpuSecond, GcSummary serverGc,
                           GcSummary loadToolGc, long receiveFailures, long unstamped,
                           RelayDelay.Summary relayDelayMicros) {

    /** Collections and the time they took in a window. */
    public record GcSummary(long collections, double millis) {
    }

    /** Whether the window is within the ramp's limits: loss at most {@code maxLossPercent}, p99 at most the bound. */
    public boolean within(double maxLossPercent, long maxP99Micros) {
        return lossPercent <= maxLossPercent && latencyMicros.p99() <= maxP99Micros && received > 0;
    }
}
