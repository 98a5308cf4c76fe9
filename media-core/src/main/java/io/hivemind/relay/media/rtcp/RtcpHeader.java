package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight view of the common header of one RTCP packet (RFC 3550 §6.4.1). It reads with absolute indexes and
 * never moves the buffer's reader index; it borrows the buffer and never retains it.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  RC/FMT |      PT       |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The length field counts 32-bit words minus one, padding included; when P is set the last octet of the packet
 * says how many octets of padding (itself included) to ignore.
 */
public final class RtcpHeader {
    public static final int SIZE = 4;
    public static final int VERSION = 2;

    /** Sender report, RFC 3550 §6.4.1. */
    public static final int PT_SR = 200;
    /** Receiver report, RFC 3550 §6.4.2. */
    public static final int PT_RR = 201;
    /** Source description, RFC 3550 §6.5. */
    public static final int PT_SDES = 202;
    /** Goodbye, RFC 3550 §6.6. */
    public static final int PT_BYE = 203;
    /** Application-defined, RFC 3550 §6.7. */
    public static final int PT_APP = 204;
    /** Transport layer feedback, RFC 4585 §6.2. */
    public static final int PT_RTPFB = 205;
    /** Payload-specific feedback, RFC 4585 §6.3. */
    public static final int PT_PSFB = 206;

    /** Longest packet a 16-bit length field can describe: 65536 words. */
    public static final int MAX_LENGTH = (0xFFFF + 1) * 4;

    /** Largest value of the 5-bit count / feedback message type field. */
    public static final int MAX_COUNT = 31;

    private static final int OFFSET_PT = 1;
    private static final int OFFSET_LENGTH = 2;

    private ByteBuf buf;
    private int offset;
    private int length;
    private int paddingLength;

    /**
     * Points this view at the packet starting at {@code offset}, with {@code available} bytes up to the end of the
     * datagram, and checks version, length and padding.
     */
    public RtcpDropReason wrap(ByteBuf buf, int offset, int available) {
        this.buf = buf;
        this.offset = offset;
        this.length = 0;
        this.paddingLength = 0;
        if (available < SIZE) {
            return RtcpDropReason.TRUNCATED;
        }
        int first = buf.getUnsignedByte(offset);
        if (first >>> 6 != VERSION) {
            return RtcpDropReason.BAD_VERSION;
        }
        int packetLength = (buf.getUnsignedShort(offset + OFFSET_LENGTH) + 1) * 4;
        if (packetLength > available) {
            return RtcpDropReason.TRUNCATED;
        }
        length = packetLength;
        if ((first & 0x20) != 0) {
            int padding = buf.getUnsignedByte(offset + packetLength - 1);
            if (padding == 0 || padding > packetLength - SIZE) {
                return RtcpDropReason.BAD_PADDING;
            }
            paddingLength = padding;
        }
        return RtcpDropReason.NONE;
    }

    public ByteBuf buffer() {
        return buf;
    }

    /** Index of the first header byte in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    /** Whole packet length in bytes, header and padding included: (length field + 1) * 4. */
    public int length() {
        return length;
    }

    public boolean padding() {
        return paddingLength != 0;
    }

    public int paddingLength() {
        return paddingLength;
    }

    /** Header plus body, padding excluded: the bytes a typed view may read. */
    public int contentLength() {
        return length - paddingLength;
    }

    /** Reception report count, source count or feedback message type (FMT), depending on the packet type. */
    public int count() {
        return buf.getUnsignedByte(offset) & MAX_COUNT;
    }

    public int packetType() {
        return buf.getUnsignedByte(offset + OFFSET_PT);
    }

    /** Writes a header for a packet of {@code packetLength} bytes, a multiple of 4, without padding. */
    static void write(ByteBuf out, int count, int packetType, int packetLength) {
        out.writeByte(VERSION << 6 | count);
        out.writeByte(packetType);
        out.writeShort(packetLength / 4 - 1);
    }
}
