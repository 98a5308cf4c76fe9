package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * A reception report block to write into an SR or RR (RFC 3550 §6.4.1); {@link ReportBlockView} reads one.
 *
 * @param ssrc                       source this block reports on
 * @param fractionLost               losses since the last report in 1/256, 0..255
 * @param cumulativeLost             signed 24-bit total lost (clamp with {@link #clampCumulativeLost})
 * @param extendedHighestSequence    cycles << 16 | highest sequence number received
 * @param jitter                     interarrival jitter in RTP timestamp units
 * @param lastSenderReport           middle 32 bits of the last SR's NTP timestamp, 0 if none
 * @param delaySinceLastSenderReport DLSR in 1/65536 s, 0 if no SR yet
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
                          long jitter, long lastSenderReport, long delaySinceLastSenderReport) {
    private static final int MAX_LOST = (1 << 23) - 1;
    private static final int MIN_LOST = -(1 << 23);

    public ReportBlock {
        RtcpPacket.requireUnsigned32(ssrc, "ssrc");
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost is 8-bit: " + fractionLost);
        }
        if (cumulativeLost < MIN_LOST || cumulativeLost > MAX_LOST) {
            throw new IllegalArgumentException("cumulative lost is signed 24-bit: " + cumulativeLost);
        }
        RtcpPacket.requireUnsigned32(extendedHighestSequence, "extended highest sequence");
        RtcpPacket.requireUnsigned32(jitter, "jitter");
        RtcpPacket.requireUnsigned32(lastSenderReport, "LSR");
        RtcpPacket.requireUnsigned32(delaySinceLastSenderReport, "DLSR");
    }

    /** Saturates a loss count to the signed 24-bit range, as RFC 3550 §6.4.1 asks of a sender. */
    public static int clampCumulativeLost(long lost) {
        return (int) Math.max(MIN_LOST, Math.min(MAX_LOST, lost));
    }

    void encodeTo(ByteBuf out) {
        out.writeInt((int) ssrc);
        out.writeByte(fractionLost);
        out.writeMedium(cumulativeLost);
        out.writeInt((int) extendedHighestSequence);
        out.writeInt((int) jitter);
        out.writeInt((int) lastSenderReport);
        out.writeInt((int) delaySinceLastSenderReport);
    }

    static void encodeAll(List<ReportBlock> blocks, ByteBuf out) {
        for (int i = 0, n = blocks.size(); i < n; i++) {
            blocks.get(i).encodeTo(out);
        }
    }
}
