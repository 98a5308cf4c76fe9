package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight view of one reception report block inside an SR or RR (RFC 3550 §6.4.1). Unsigned 32-bit fields are
 * returned as non-negative longs.
 *
 * <pre>
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 SSRC_1 (SSRC of first source)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | fraction lost |       cumulative number of packets lost       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           extended highest sequence number received           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      interarrival jitter                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         last SR (LSR)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   delay since last SR (DLSR)                  |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 */
public final class ReportBlockView {
    public static final int SIZE = 24;

    private static final int OFFSET_SSRC = 0;
    private static final int OFFSET_FRACTION_LOST = 4;
    private static final int OFFSET_CUMULATIVE_LOST = 5;
    private static final int OFFSET_HIGHEST_SEQ = 8;
    private static final int OFFSET_JITTER = 12;
    private static final int OFFSET_LSR = 16;
    private static final int OFFSET_DLSR = 20;

    private ByteBuf buf;
    private int offset;

    /** Points the view at a block; the caller guarantees {@link #SIZE} readable bytes from {@code offset}. */
    ReportBlockView wrap(ByteBuf buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    public long ssrc() {
        return buf.getUnsignedInt(offset + OFFSET_SSRC);
    }

    /** Fraction lost since the previous report, in 1/256 (0..255). */
    public int fractionLost() {
        return buf.getUnsignedByte(offset + OFFSET_FRACTION_LOST);
    }

    /** Cumulative number of packets lost: a signed 24-bit value, negative when duplicates outnumber losses. */
    public int cumulativeLost() {
        return buf.getMedium(offset + OFFSET_CUMULATIVE_LOST);
    }

    public long extendedHighestSequence() {
        return buf.getUnsignedInt(offset + OFFSET_HIGHEST_SEQ);
    }

    /** Interarrival jitter in RTP timestamp units. */
    public long jitter() {
        return buf.getUnsignedInt(offset + OFFSET_JITTER);
    }

    /** Middle 32 bits of the NTP timestamp of the last SR received from this source (LSR), 0 if none. */
    public long lastSenderReport() {
        return buf.getUnsignedInt(offset + OFFSET_LSR);
    }

    /** Delay since that SR in 1/65536 s (DLSR). */
    public long delaySinceLastSenderReport() {
        return buf.getUnsignedInt(offset + OFFSET_DLSR);
    }
}
