package io.hivemind.relay.media.jitter;

/**
 * Learns how much playout delay the network needs (after NetEQ's delay manager, much reduced). For each packet the
 * arrival offset is its arrival time minus its media time (RTP timestamp in nanoseconds); the smallest offset of the
 * last few seconds is the reference "fastest packet", and a packet's relative delay is how much later than that it
 * came. A packet is on time exactly when its relative delay is at most the playout delay, so the target is a high
 * quantile of the relative delays, rounded up to whole frames and clamped to the configured bounds.
 *
 * <p>Two forgetting histograms give fast attack and slow decay: a long one (forget factor 0.9993 per packet, about
 * 30 s of memory at 50 packets/s) and a short one (0.98, about one second) whose quantile jumps after three or four
 * delayed packets and relaxes a few seconds after a spike; the target follows the larger. Using a windowed minimum
 * as the reference makes the estimate immune to sender clock drift: the reference drifts along with the sender.
 */
final class TargetDelayEstimator {
    static final long REFERENCE_WINDOW_NANOS = 5_000_000_000L;
    private static final int REFERENCE_SUB_WINDOWS = 10;
    private static final double BUCKET_MS = 5;
    private static final double LONG_FORGET_FACTOR = 0.9993;
    private static final double SHORT_FORGET_FACTOR = 0.98;

    private final JitterBufferConfig config;
    private final double frameMs;
    private final SlidingMinimum fastest = new SlidingMinimum(REFERENCE_WINDOW_NANOS, REFERENCE_SUB_WINDOWS);
    private final DelayHistogram longTerm;
    private final DelayHistogram shortTerm;
    private long targetNanos;

    TargetDelayEstimator(JitterBufferConfig config) {
        this.config = config;
        this.frameMs = config.frameNanos() / 1e6;
        int buckets = (int) Math.ceil(config.maxDelayMs() / BUCKET_MS) + 1;
        this.longTerm = new DelayHistogram(buckets, BUCKET_MS, LONG_FORGET_FACTOR, config.startDelayMs());
        this.shortTerm = new DelayHistogram(buckets, BUCKET_MS, SHORT_FORGET_FACTOR, config.startDelayMs());
        updateTarget();
    }

    /** Records a packet that arrived at {@code arrivalNanos} with the given arrival offset; returns its relative
     * delay in nanoseconds (never negative). */
    long add(long arrivalNanos, long arrivalOffsetNanos) {
        fastest.add(arrivalNanos, arrivalOffsetNanos);
        long relative = arrivalOffsetNanos - fastest.minimum();
        double relativeMs = relative / 1e6;
        longTerm.add(relativeMs);
        shortTerm.add(relativeMs);
        updateTarget();
        return relative;
    }

    boolean hasReference() {
        return !fastest.isEmpty();
    }

    /** The arrival offset of the fastest recent packet; only meaningful when {@link #hasReference()}. */
    long referenceNanos() {
        return fastest.minimum();
    }

    /** Forgets the reference (the media clock restarted); the learned delay distribution is kept. */
    void resetReference() {
        fastest.reset();
    }

    long targetNanos() {
        return targetNanos;
    }

    private void updateTarget() {
        double quantileMs = Math.max(longTerm.quantileMs(config.quantile()), shortTerm.quantileMs(config.quantile()));
        double roundedMs = Math.ceil(quantileMs / frameMs - 1e-9) * frameMs;
        double clampedMs = Math.max(config.minDelayMs(), Math.min(config.maxDelayMs(), roundedMs));
        targetNanos = Math.round(clampedMs * 1e6);
    }
}
