package io.hivemind.relay.media.jitter;

import io.hivemind.relay.media.rtp.SerialNumberUnwrapper;
import java.util.Objects;

/**
 * An adaptive, codec-agnostic jitter buffer for one audio stream (ideas from WebRTC NetEQ: packet buffer, delay
 * manager, decision logic; our own, much smaller, frame-granular design). The network side {@link #insert inserts}
 * RTP packets as they arrive; the playout clock {@link #poll polls} once per frame and gets a {@link PlayoutDecision}
 * telling it what to render. The buffer never decodes: the caller applies each decision with its decoder (decode,
 * decode FEC, conceal, silence).
 *
 * <h2>Timeline</h2>
 * Playout is a rigid timeline of RTP timestamps: each poll renders the frame at the playout timestamp and moves it
 * on. The <em>current delay</em> is how far playout lags the fastest recent packet ({@code now - mediaTime(playout)
 * - referenceOffset}, see {@code TargetDelayEstimator}); a packet arrives in time exactly when its relative delay is
 * at most the current delay, and is dropped as late otherwise. The delay is steered towards the target one frame at
 * a time: below the target a poll may STRETCH (render concealment, hold the timeline), one frame plus 5 ms above it a
 * poll may ACCELERATE (skip one buffered frame or a stretch of lost or silent time). The 5 ms hysteresis and at most
 * one time-stretch every {@value #TIME_STRETCH_SPACING} polls keep the two from alternating. Clock drift between
 * sender and playout moves the current delay slowly, and these steps pull it back: the delay stays within
 * [target - small, target + frame + 5 ms] whatever the drift, as long as it is below one frame per
 * {@value #TIME_STRETCH_SPACING} polls.
 *
 * <h2>Bounds</h2>
 * Packets live in a preallocated ring ({@code capacity} slots of {@code maxPayloadBytes}); nothing is allocated per
 * insert or poll. Overflow policy: a packet whose sequence number is a full ring ahead of the oldest waiting one
 * drops the oldest waiting packets (counted as overflow): head drop, the newest audio is kept. If the
 * current delay exceeds the target by more than {@code maxDelayMs} (the playout stalled) the timeline jumps forward
 * to the target delay, dropping what it passes (counted as discarded).
 *
 * <h2>Restarts</h2>
 * A sequence number more than {@value #MAX_SEQUENCE_JUMP} away, or a timestamp whose arrival offset is off by more
 * than {@value #MAX_CLOCK_JUMP_MILLIS} ms, looks like a new stream (new encoder, SSRC-preserving source switch). One
 * such packet is held aside; if the next one continues from it, the buffer flushes and restarts from the two,
 * otherwise it is dropped as a stray.
 *
 * <p>Not thread-safe: one owner (the stream's event loop) calls insert and poll.
 */
public final class JitterBuffer {
    static final int TIME_STRETCH_SPACING = 2;
    static final long MAX_SEQUENCE_JUMP = 1000;
    static final long MAX_CLOCK_JUMP_MILLIS = 3000;
    private static final long HYSTERESIS_NANOS = 5_000_000;

    private final JitterBufferConfig config;
    private final PacketRing ring;
    private final SerialNumberUnwrapper sequences = new SerialNumberUnwrapper(16);
    private final SerialNumberUnwrapper timestamps = new SerialNumberUnwrapper(32);
    private final TargetDelayEstimator estimator;
    private final int frameSamples;
    private final long frameNanos;
    private final int maxDurationSamples;
    private final long maxDelaySamples;
    private final int maxConcealFrames;
    private final RestartCandidate candidate;
    private final JitterBufferCounters counters = new JitterBufferCounters();

    private boolean started;
    private long originTimestamp;
    private long nextSequence;
    private long highestSequence;
    private long playoutTimestamp;
    private long currentDelayNanos;
    private int emptyPolls;
    private int pollsSinceTimeStretch = TIME_STRETCH_SPACING;

    public JitterBuffer(JitterBufferConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.ring = new PacketRing(config.capacity(), config.maxPayloadBytes());
        this.estimator = new TargetDelayEstimator(config);
        this.frameSamples = config.frameSamples();
        this.frameNanos = config.frameNanos();
        this.maxDurationSamples = config.clockRate() * 120 / 1000;
        this.maxDelaySamples = config.nanosToSamples(config.maxDelayMs() * 1_000_000L);
        this.maxConcealFrames = (int) (config.maxConcealMs() * 1_000_000L / frameNanos);
        this.candidate = new RestartCandidate(config.maxPayloadBytes());
    }

    public JitterBufferConfig config() {
        return config;
    }

    /** Inserts a whole array as the payload; see {@link #insert(int, long, int, byte[], int, int, long)}. */
    public InsertResult insert(int sequenceNumber, long rtpTimestamp, int durationSamples, byte[] payload,
                               long arrivalNanos) {
        return insert(sequenceNumber, rtpTimestamp, durationSamples, payload, 0, payload.length, arrivalNanos);
    }

    /**
     * Offers one received packet. The payload bytes are copied; the array is only borrowed.
     *
     * @param sequenceNumber  16-bit RTP sequence number (higher bits ignored)
     * @param rtpTimestamp    32-bit RTP timestamp (higher bits ignored)
     * @param durationSamples audio duration of the payload in RTP clock ticks, or 0 to derive it from the neighbouring
     *                        packet's timestamp (falling back to one frame)
     * @param arrivalNanos    arrival time on the same monotonic clock as {@link #poll}'s {@code nowNanos}
     * @throws IndexOutOfBoundsException if offset and length do not lie within {@code payload}
     */
    public InsertResult insert(int sequenceNumber, long rtpTimestamp, int durationSamples, byte[] payload, int offset,
                               int length, long arrivalNanos) {
        counters.received++;
        if (length < 0 || length > config.maxPayloadBytes()) {
            counters.oversize++;
            return InsertResult.OVERSIZE;
        }
        Objects.checkFromIndexSize(offset, length, payload.length);
        if (looksLikeRestart(sequenceNumber, rtpTimestamp, arrivalNanos)) {
            return holdOrResync(sequenceNumber, rtpTimestamp, durationSamples, payload, offset, length, arrivalNanos);
        }
        if (candidate.held) {
            candidate.held = false;
            counters.discarded++;
        }
        return accept(sequenceNumber, rtpTimestamp, durationSamples, payload, offset, length, arrivalNanos);
    }

    private boolean looksLikeRestart(int sequenceNumber, long rtpTimestamp, long arrivalNanos) {
        if (!sequences.primed()) {
            return false;
        }
        long seq = sequences.peek(sequenceNumber);
        if (Math.abs(seq - highestSequence) > MAX_SEQUENCE_JUMP) {
            return true;
        }
        long offset = arrivalNanos - mediaNanos(timestamps.peek(rtpTimestamp));
        return estimator.hasReference()
                && Math.abs(offset - estimator.referenceNanos()) > MAX_CLOCK_JUMP_MILLIS * 1_000_000L;
    }

    private InsertResult holdOrResync(int sequenceNumber, long rtpTimestamp, int durationSamples, byte[] payload,
                                      int offset, int length, long arrivalNanos) {
        if (!candidate.held || !candidate.continuedBy(sequenceNumber, rtpTimestamp, config.clockRate())) {
            if (candidate.held) {
                counters.discarded++;
            }
            candidate.hold(sequenceNumber, rtpTimestamp, durationSamples, payload, offset, length, arrivalNanos);
            return InsertResult.RESTART_PENDING;
        }
        counters.discarded += ring.clear();
        counters.resyncs++;
        sequences.reset();
        timestamps.reset();
        estimator.resetReference();
        started = false;
        emptyPolls = 0;
        candidate.held = false;
        accept(candidate.sequenceNumber, candidate.timestamp, candidate.duration, candidate.payload, 0,
                candidate.length, candidate.arrivalNanos);
        accept(sequenceNumber, rtpTimestamp, durationSamples, payload, offset, length, arrivalNanos);
        return InsertResult.RESYNCED;
    }

    private InsertResult accept(int sequenceNumber, long rtpTimestamp, int durationSamples, byte[] payload,
                                int offset, int length, long arrivalNanos) {
        boolean first = !sequences.primed();
        long seq = sequences.unwrap(sequenceNumber);
        long ts = timestamps.unwrap(rtpTimestamp);
        if (first) {
            originTimestamp = ts;
            nextSequence = seq;
            highestSequence = seq;
        }
        if (ring.seen(seq)) {
            counters.duplicate++;
            return InsertResult.DUPLICATE;
        }
        estimator.add(arrivalNanos, arrivalNanos - mediaNanos(ts));
        if (started ? seq < nextSequence || ts < playoutTimestamp : highestSequence - seq >= ring.capacity()) {
            counters.late++;
            return InsertResult.LATE;
        }
        if (!started && seq < nextSequence) {
            nextSequence = seq;
        }
        if (seq - nextSequence >= ring.capacity()) {
            long keepFrom = seq - ring.capacity() + 1;
            counters.overflow += ring.releaseBelow(keepFrom);
            nextSequence = keepFrom;
        }
        int duration = durationSamples > 0 && durationSamples <= maxDurationSamples
                ? durationSamples : derivedDuration(seq, ts);
        ring.put(seq, ts, duration, payload, offset, length);
        highestSequence = Math.max(highestSequence, seq);
        return InsertResult.QUEUED;
    }

    private int derivedDuration(long seq, long ts) {
        int previous = ring.slotOf(seq - 1);
        if (previous >= 0 && ts - ring.timestamp(previous) > 0 && ts - ring.timestamp(previous) <= maxDurationSamples) {
            return (int) (ts - ring.timestamp(previous));
        }
        int next = ring.slotOf(seq + 1);
        if (next >= 0 && ring.timestamp(next) - ts > 0 && ring.timestamp(next) - ts <= maxDurationSamples) {
            return (int) (ring.timestamp(next) - ts);
        }
        return frameSamples;
    }

    /**
     * Decides what the playout renders next; call once per frame (or whenever the output needs the next
     * {@code out.samples()}). Fills {@code out}; see {@link PlayoutDecision} for what the caller does with each
     * decision.
     */
    public void poll(long nowNanos, Playout out) {
        if (!started && !start(nowNanos)) {
            out.notStarted(frameSamples);
            return;
        }
        long target = estimator.targetNanos();
        long delay = delayAt(nowNanos);
        if (delay - target > config.maxDelayMs() * 1_000_000L) {
            catchUp(delay - target);
            delay = delayAt(nowNanos);
        }
        currentDelayNanos = delay;
        if (pollsSinceTimeStretch < TIME_STRETCH_SPACING) {
            pollsSinceTimeStretch++;
        }
        boolean mayStretch = pollsSinceTimeStretch >= TIME_STRETCH_SPACING;
        boolean wantMore = mayStretch && delay < target;
        boolean wantLess = mayStretch && delay >= target + frameNanos + HYSTERESIS_NANOS;

        int next = nextQueued();
        if (next < 0) {
            starve(out, wantMore);
            return;
        }
        long gap = ring.timestamp(next) - playoutTimestamp;
        if (gap > maxDelaySamples) {
            playoutTimestamp = ring.timestamp(next);
            counters.resyncs++;
            gap = 0;
        }
        if (gap >= frameSamples && ring.sequence(next) == nextSequence) {
            pause(out, gap, wantMore, wantLess);
        } else if (wantMore) {
            stretch(out);
        } else if (wantLess && accelerate(out, next, gap, delay - target)) {
            counters.accelerated++;
            pollsSinceTimeStretch = 0;
        } else if (gap < frameSamples) {
            play(out, next, PlayoutDecision.PLAY, 0);
        } else if (gap <= ring.duration(next)) {
            out.set(PlayoutDecision.FEC, (int) gap, playoutTimestamp);
            out.payload(ring.payload(next), ring.length(next), (int) ring.sequence(next));
            playoutTimestamp = ring.timestamp(next);
            counters.fecRecovered++;
            emptyPolls = 0;
        } else {
            out.set(PlayoutDecision.CONCEAL, frameSamples, playoutTimestamp);
            playoutTimestamp += frameSamples;
            counters.concealed++;
        }
    }

    /** The first waiting packet, dropping (as late) any whose media time the playout has already passed: only a
     * stream with overlapping or backwards timestamps produces those. */
    private int nextQueued() {
        int next = ring.first(nextSequence, highestSequence);
        while (next >= 0 && ring.timestamp(next) < playoutTimestamp) {
            ring.release(next);
            counters.late++;
            next = ring.first(nextSequence, highestSequence);
        }
        return next;
    }

    private boolean start(long nowNanos) {
        int first = ring.first(nextSequence, highestSequence);
        if (first < 0) {
            return false;
        }
        long delay = nowNanos - mediaNanos(ring.timestamp(first)) - estimator.referenceNanos();
        if (delay < estimator.targetNanos()) {
            return false;
        }
        started = true;
        nextSequence = ring.sequence(first);
        playoutTimestamp = ring.timestamp(first);
        return true;
    }

    /** Nothing buffered: hold the timeline if the delay is short, else conceal for a while, then go silent. */
    private void starve(Playout out, boolean wantMore) {
        if (wantMore) {
            stretch(out);
        } else if (emptyPolls < maxConcealFrames) {
            out.set(PlayoutDecision.CONCEAL, frameSamples, playoutTimestamp);
            playoutTimestamp += frameSamples;
            counters.concealed++;
            emptyPolls++;
        } else {
            out.set(PlayoutDecision.SILENCE, frameSamples, playoutTimestamp);
            playoutTimestamp += frameSamples;
            counters.silence++;
        }
    }

    /** The next packet is contiguous in sequence but later in time: the sender paused (DTX). Silence is the cheapest
     * place to move the delay, so stretch or skip here without touching any audio. */
    private void pause(Playout out, long gap, boolean wantMore, boolean wantLess) {
        out.set(PlayoutDecision.SILENCE, frameSamples, playoutTimestamp);
        counters.silence++;
        if (wantMore) {
            counters.stretched++;
            pollsSinceTimeStretch = 0;
        } else if (wantLess) {
            long advance = Math.min(gap, 2L * frameSamples);
            out.skipped((int) (advance - frameSamples));
            playoutTimestamp += advance;
            counters.accelerated++;
            pollsSinceTimeStretch = 0;
        } else {
            playoutTimestamp += frameSamples;
        }
    }

    private void stretch(Playout out) {
        out.set(PlayoutDecision.STRETCH, frameSamples, playoutTimestamp);
        counters.stretched++;
        pollsSinceTimeStretch = 0;
    }

    /** Skips one buffered frame, or the missing frames before the next packet, if that keeps the target delay. */
    private boolean accelerate(Playout out, int next, long gap, long excessNanos) {
        if (gap < frameSamples) {
            int after = ring.find(ring.sequence(next) + 1);
            if (after < 0 || ring.timestamp(after) != ring.timestamp(next) + ring.duration(next)) {
                return false;
            }
            ring.release(next);
            counters.discarded++;
            play(out, after, PlayoutDecision.ACCELERATE, ring.timestamp(after) - playoutTimestamp);
            return true;
        }
        if (config.samplesToNanos(gap) > excessNanos) {
            return false;
        }
        play(out, next, PlayoutDecision.ACCELERATE, gap);
        return true;
    }

    private void play(Playout out, int slot, PlayoutDecision decision, long skippedSamples) {
        long ts = ring.timestamp(slot);
        out.set(decision, ring.duration(slot), ts);
        out.payload(ring.payload(slot), ring.length(slot), (int) ring.sequence(slot));
        out.skipped((int) skippedSamples);
        playoutTimestamp = ts + ring.duration(slot);
        nextSequence = ring.sequence(slot) + 1;
        ring.release(slot);
        counters.played++;
        emptyPolls = 0;
    }

    /** The playout stalled far beyond the target: jump the timeline forward to the target delay. */
    private void catchUp(long excessNanos) {
        long skip = config.nanosToSamples(excessNanos) / frameSamples * frameSamples;
        playoutTimestamp += skip;
        counters.discarded += ring.releaseBefore(playoutTimestamp);
        counters.resyncs++;
    }

    private long delayAt(long nowNanos) {
        return nowNanos - mediaNanos(playoutTimestamp) - estimator.referenceNanos();
    }

    private long mediaNanos(long extendedTimestamp) {
        return config.samplesToNanos(extendedTimestamp - originTimestamp);
    }

    /** A snapshot of delay and counters; allocates one small record. */
    public JitterBufferStats stats() {
        return counters.snapshot(currentDelayNanos, estimator.targetNanos(), ring.queued());
    }

    /** Current delay in nanoseconds as of the last poll, without allocating. */
    public long currentDelayNanos() {
        return currentDelayNanos;
    }

    /** Target delay in nanoseconds, without allocating. */
    public long targetDelayNanos() {
        return estimator.targetNanos();
    }

    @Override
    public String toString() {
        return "JitterBuffer[" + stats() + ']';
    }
}
