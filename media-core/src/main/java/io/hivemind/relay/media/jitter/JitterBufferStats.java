package io.hivemind.relay.media.jitter;

/**
 * A snapshot of a {@link JitterBuffer}'s delay and counters (shaped after the WebRTC stats
 * {@code RTCInboundRtpStreamStats} jitter-buffer fields and NetEQ's network statistics).
 *
 * @param currentDelayMs  playout delay beyond the fastest recent packet, as of the last poll
 * @param targetDelayMs   the delay the buffer steers towards
 * @param bufferedPackets packets waiting for playout
 * @param received        packets offered to {@code insert}
 * @param played          frames decoded from their own packet (PLAY and ACCELERATE)
 * @param fecRecovered    frames recovered from the next packet's in-band FEC
 * @param concealed       frames concealed because their packet was missing
 * @param stretched       frames inserted to raise the delay (preemptive expand)
 * @param accelerated     times the playout skipped ahead to lower the delay
 * @param silence         silent frames (before start excluded): DTX pauses and long gaps
 * @param late            packets that arrived after their playout time
 * @param duplicate       duplicate packets
 * @param discarded       buffered packets dropped unplayed: skipped by accelerate or flushed on resync/catch-up
 * @param overflow        buffered packets dropped because a newer one did not fit the ring
 * @param oversize        packets larger than the payload limit
 * @param resyncs         stream restarts and timeline jumps the buffer resynchronised to
 */
public record JitterBufferStats(double currentDelayMs, double targetDelayMs, int bufferedPackets, long received,
                                long played, long fecRecovered, long concealed, long stretched, long accelerated,
                                long silence, long late, long duplicate, long discarded, long overflow,
                                long oversize, long resyncs) {

    /** Concealed frames as a percentage of the frames the stream should have produced. */
    public double concealedPercent() {
        long frames = played + fecRecovered + concealed;
        return frames == 0 ? 0 : 100.0 * concealed / frames;
    }

    /** Late packets as a percentage of received packets. */
    public double latePercent() {
        return received == 0 ? 0 : 100.0 * late / received;
    }
}
