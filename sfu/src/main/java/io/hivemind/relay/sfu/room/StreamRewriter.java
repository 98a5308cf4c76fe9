package io.hivemind.relay.sfu.room;

import io.hivemind.relay.media.rtp.RtpPacket;
import io.hivemind.relay.media.rtp.SequenceNumbers;

/**
 * Rewrites one source's sequence numbers and timestamps onto a consumer's continuous line (the SeqRewriter of
 * other SFUs). Within a source epoch both are shifted by fixed offsets, so loss and reordering pass through
 * unchanged. At a resync (first packet, unmute, resume, republish with a new SSRC) the next packet gets the next
 * sequence number and a timestamp advanced by the wall-clock time elapsed since the last forwarded packet at
 * 48 kHz (RFC 7587 §4.1: Opus RTP always runs at 48 kHz), so the subscriber's jitter buffer sees a pause rather
 * than a jump or a restart. Packets of the new epoch older than its first one are dropped: their numbers would
 * collide with the previous epoch's.
 */
final class StreamRewriter {
    static final int CLOCK_RATE = 48_000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int SEQ_MASK = 0xFFFF;

    private boolean started;
    private boolean resync = true;
    private int seqOffset;
    private int tsOffset;
    private int epochFirstSeq;
    private int lastSeq;
    private int lastTimestamp;
    private long lastNanos;

    StreamRewriter(int initialSeq, int initialTimestamp) {
        this.lastSeq = (initialSeq - 1) & SEQ_MASK;
        this.lastTimestamp = initialTimestamp;
    }

    /** The next packet starts a new epoch: source switch, unmute or resume. */
    void resync() {
        resync = true;
    }

    /**
     * Rewrites {@code packet}'s sequence number and timestamp in place.
     *
     * @return false if the packet belongs before the current epoch and must not be forwarded
     */
    boolean rewrite(RtpPacket packet, long nowNanos) {
        int srcSeq = packet.sequenceNumber();
        int srcTs = packet.timestamp();
        boolean epochStart = resync;
        if (resync) {
            int nextSeq = (lastSeq + 1) & SEQ_MASK;
            int nextTs = started ? lastTimestamp + elapsedTicks(nowNanos) : lastTimestamp;
            seqOffset = nextSeq - srcSeq;
            tsOffset = nextTs - srcTs;
            epochFirstSeq = nextSeq;
            resync = false;
        }
        int outSeq = (srcSeq + seqOffset) & SEQ_MASK;
        if (SequenceNumbers.difference(outSeq, epochFirstSeq) < 0) {
            return false;
        }
        int outTs = srcTs + tsOffset;
        if (!started || SequenceNumbers.isNewer(outSeq, lastSeq)) {
            lastSeq = outSeq;
            lastTimestamp = outTs;
            lastNanos = nowNanos;
            started = true;
        }
        packet.setSequenceNumber(outSeq);
        packet.setTimestamp(outTs);
        if (epochStart) {
            // RFC 3551 §4.1: the first packet of a talkspurt carries the marker, which tells the receiver's jitter
            // buffer it may adapt here.
            packet.setMarker(true);
        }
        return true;
    }

    /** At least one tick, so a resync never repeats the previous timestamp. */
    private int elapsedTicks(long nowNanos) {
        long ticks = Math.max(0, nowNanos - lastNanos) * CLOCK_RATE / NANOS_PER_SECOND;
        return (int) Math.max(1, Math.min(ticks, Integer.MAX_VALUE));
    }

    /**
     * The source sequence number a rewritten one came from, or -1 when it was not sent in the current epoch
     * (before it, or ahead of the last one sent).
     */
    int sourceSequence(int outSeq) {
        if (!started || resync || SequenceNumbers.difference(outSeq, epochFirstSeq) < 0
                || SequenceNumbers.difference(outSeq, lastSeq) > 0) {
            return -1;
        }
        return (outSeq - seqOffset) & SEQ_MASK;
    }

    /** The rewritten timestamp of a source timestamp in the current epoch. */
    int timestampOf(int sourceTimestamp) {
        return sourceTimestamp + tsOffset;
    }

    boolean started() {
        return started;
    }

    int lastSequence() {
        return lastSeq;
    }

    /** RFC 3550 §6.4.1: the RTP timestamp the consumer's line has at {@code nowNanos}, for a sender report. */
    int timestampAt(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos) * CLOCK_RATE / NANOS_PER_SECOND;
        return lastTimestamp + (int) elapsed;
    }
}
