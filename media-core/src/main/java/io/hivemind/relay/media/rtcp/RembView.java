package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight view of a Receiver Estimated Maximum Bitrate message (draft-alvestrand-rmcat-remb-03 §2.2): an
 * application layer feedback (PSFB, FMT=15) whose FCI starts with the ASCII identifier "REMB".
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Unique identifier 'R' 'E' 'M' 'B'                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Num SSRC     | BR Exp    |  BR Mantissa                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   SSRC feedback                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ...                                                          |
 * </pre>
 *
 * An AFB message with another identifier is {@code WRONG_TYPE}, not malformed.
 */
public final class RembView extends FeedbackMessageView {
    /** "REMB" in ASCII, big-endian. */
    public static final int IDENTIFIER = 0x52454D42;

    private static final int OFFSET_NUM_SSRC = 4;
    private static final int OFFSET_BITRATE = 5;
    private static final int OFFSET_SSRCS = 8;
    private static final int MANTISSA_BITS = 18;
    private static final int MANTISSA_MASK = (1 << MANTISSA_BITS) - 1;

    public RembView() {
        super(RtcpHeader.PT_PSFB, FMT_AFB);
    }

    @Override
    RtcpDropReason checkFci(ByteBuf b, int fciStart, int length) {
        if (length < 4) {
            return RtcpDropReason.MALFORMED;
        }
        if (b.getInt(fciStart) != IDENTIFIER) {
            return RtcpDropReason.WRONG_TYPE;
        }
        if (length < OFFSET_SSRCS) {
            return RtcpDropReason.MALFORMED;
        }
        int count = b.getUnsignedByte(fciStart + OFFSET_NUM_SSRC);
        return OFFSET_SSRCS + count * 4 <= length ? RtcpDropReason.NONE : RtcpDropReason.MALFORMED;
    }

    public int ssrcCount() {
        return buf.getUnsignedByte(fciStart() + OFFSET_NUM_SSRC);
    }

    public long ssrc(int index) {
        if (index < 0 || index >= ssrcCount()) {
            throw new IndexOutOfBoundsException(index);
        }
        return buf.getUnsignedInt(fciStart() + OFFSET_SSRCS + index * 4);
    }

    /** 6-bit exponent of the bitrate. */
    public int exponent() {
        return buf.getUnsignedByte(fciStart() + OFFSET_BITRATE) >>> 2;
    }

    /** 18-bit mantissa of the bitrate. */
    public int mantissa() {
        return buf.getMedium(fciStart() + OFFSET_BITRATE) & MANTISSA_MASK;
    }

    /** mantissa * 2^exp in bits per second, saturated at {@link Long#MAX_VALUE} for exponents past 45. */
    public long bitrate() {
        long mantissa = mantissa();
        int exp = exponent();
        return exp > Long.numberOfLeadingZeros(mantissa) - 1 ? Long.MAX_VALUE : mantissa << exp;
    }
}
