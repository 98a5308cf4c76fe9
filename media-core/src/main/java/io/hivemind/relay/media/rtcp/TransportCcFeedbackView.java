package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight view of a transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01
 * §3.1): RTPFB with FMT=15. Parse only.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      base sequence number     |      packet status count      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 reference time                | fb pkt. count |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          packet chunk         |         packet chunk          |
 * .                              ...                              .
 * |         packet chunk          |  recv delta   |  recv delta   |
 * .                              ...                              .
 * |           recv delta          |  recv delta   | zero padding  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Packet chunks (§3.1.3, §3.1.4): a run length chunk is {@code 0|S(2)|run length(13)}; a status vector chunk is
 * {@code 1|S|symbols(14)} with fourteen 1-bit symbols (S=0; 0 = not received, 1 = received with small delta, the
 * reading every implementation uses) or seven 2-bit symbols (S=1). Chunks are read until the packet status count
 * is covered; the receive deltas follow, one per packet with a small or large delta symbol.
 *
 * <p>{@link #wrap} walks the chunks once and checks that they and every delta they call for fit inside the packet,
 * so {@link #forEachPacket} cannot fail. Work per packet is bounded by the 16-bit status count; nothing is
 * allocated.
 */
public final class TransportCcFeedbackView extends FeedbackMessageView {
    /** Reference time unit: 64 ms. */
    public static final long REFERENCE_TIME_UNIT_MICROS = 64_000;
    /** Receive delta unit: 250 µs. */
    public static final long DELTA_UNIT_MICROS = 250;

    private static final int OFFSET_BASE_SEQ = 0;
    private static final int OFFSET_STATUS_COUNT = 2;
    private static final int OFFSET_REFERENCE_TIME = 4;
    private static final int OFFSET_FB_PKT_COUNT = 7;
    private static final int OFFSET_CHUNKS = 8;
    private static final int CHUNK_LENGTH = 2;
    private static final int RUN_LENGTH_MASK = 0x1FFF;
    private static final int[] DELTA_SIZE = {0, 1, 2, 0};

    private int chunksStart;
    private int deltasStart;
    private int deltasEnd;

    public TransportCcFeedbackView() {
        super(RtcpHeader.PT_RTPFB, FMT_TRANSPORT_CC);
    }

    @Override
    RtcpDropReason checkFci(ByteBuf b, int fciStart, int length) {
        if (length < OFFSET_CHUNKS) {
            return RtcpDropReason.MALFORMED;
        }
        int end = fciStart + length;
        chunksStart = fciStart + OFFSET_CHUNKS;
        int deltaBytes = walk(b, chunksStart, end, b.getUnsignedShort(fciStart + OFFSET_STATUS_COUNT), 0, null);
        if (deltaBytes < 0 || deltasStart + deltaBytes > end) {
            return RtcpDropReason.MALFORMED;
        }
        deltasEnd = deltasStart + deltaBytes;
        return RtcpDropReason.NONE;
    }

    /**
     * Walks the chunks from {@code pos}. Without a visitor it sets {@link #deltasStart} and returns the number of
     * delta bytes the chunks call for, or -1 when the chunks run past {@code end}; with one it reports every packet,
     * reading deltas from {@link #deltasStart}.
     */
    private int walk(ByteBuf b, int pos, int end, int statusCount, int baseSeq, TransportCcVisitor visitor) {
        int remaining = statusCount;
        int seq = baseSeq;
        int delta = deltasStart;
        int deltaBytes = 0;
        while (remaining > 0) {
            if (pos + CHUNK_LENGTH > end) {
                return -1;
            }
            int chunk = b.getUnsignedShort(pos);
            pos += CHUNK_LENGTH;
            boolean vector = (chunk & 0x8000) != 0;
            boolean twoBit = (chunk & 0x4000) != 0;
            int covered = Math.min(vector ? (twoBit ? 7 : 14) : chunk & RUN_LENGTH_MASK, remaining);
            for (int i = 0; i < covered; i++) {
                int status;
                if (!vector) {
                    status = chunk >>> 13 & 3;
                } else if (twoBit) {
                    status = chunk >>> 12 - 2 * i & 3;
                } else {
                    status = chunk >>> 13 - i & 1;
                }
                if (visitor == null) {
                    deltaBytes += DELTA_SIZE[status];
                } else {
                    delta = visit(b, seq, status, delta, visitor);
                    seq = (seq + 1) & 0xFFFF;
                }
            }
            remaining -= covered;
        }
        if (visitor == null) {
            deltasStart = pos;
        }
        return deltaBytes;
    }

    private static int visit(ByteBuf b, int seq, int status, int delta, TransportCcVisitor visitor) {
        switch (status) {
            case TransportCcVisitor.RECEIVED_SMALL_DELTA -> {
                visitor.onPacket(seq, status, b.getUnsignedByte(delta) * DELTA_UNIT_MICROS);
                return delta + 1;
            }
            case TransportCcVisitor.RECEIVED_LARGE_DELTA -> {
                visitor.onPacket(seq, status, b.getShort(delta) * DELTA_UNIT_MICROS);
                return delta + 2;
            }
            default -> {
                visitor.onPacket(seq, status, 0);
                return delta;
            }
        }
    }

    /** Reports every packet in sequence order to {@code visitor}, on the caller's thread. */
    public void forEachPacket(TransportCcVisitor visitor) {
        walk(buf, chunksStart, deltasStart, packetStatusCount(), baseSequenceNumber(), visitor);
    }

    public int baseSequenceNumber() {
        return buf.getUnsignedShort(fciStart() + OFFSET_BASE_SEQ);
    }

    public int packetStatusCount() {
        return buf.getUnsignedShort(fciStart() + OFFSET_STATUS_COUNT);
    }

    /** Reference time: a signed 24-bit value in multiples of 64 ms. */
    public int referenceTime() {
        return buf.getMedium(fciStart() + OFFSET_REFERENCE_TIME);
    }

    public long referenceTimeMicros() {
        return referenceTime() * REFERENCE_TIME_UNIT_MICROS;
    }

    /** Feedback packet count: a per-sender sequence number of feedback packets (8 bits, wraps). */
    public int feedbackPacketCount() {
        return buf.getUnsignedByte(fciStart() + OFFSET_FB_PKT_COUNT);
    }

    /** Number of bytes of receive deltas the chunks call for. */
    public int deltaLength() {
        return deltasEnd - deltasStart;
    }
}
