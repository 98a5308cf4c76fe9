package io.hivemind.relay.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * A reusable, allocation-free view of an RTP packet (RFC 3550 §5.1) over a {@link ByteBuf}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      defined by profile       |           length              |  if X (§5.3.1),
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  length in 32-bit words
 * |                        header extension                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            payload ...        | padding ...   | padding count |  padding if P
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>{@link #wrap(ByteBuf, int, int)} validates the layout and remembers where the parts are; the accessors then
 * read the fields with absolute gets and the setters rewrite them in place, never moving the buffer's indexes. The
 * view borrows the buffer: it neither retains nor releases it, and is invalid once the caller releases it. Not
 * thread-safe; keep one per I/O thread.
 */
public final class RtpPacket {
    /** The only RTP version (§5.1). */
    public static final int VERSION = 2;
    /** Length of the fixed header, before any CSRC. */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** Length of the extension header: "defined by profile" and length (§5.3.1). */
    public static final int EXTENSION_HEADER_LENGTH = 4;
    /** The largest payload type: seven bits. */
    public static final int MAX_PAYLOAD_TYPE = 127;

    static final int FLAGS_OFFSET = 0;
    static final int MARKER_PT_OFFSET = 1;
    static final int SEQUENCE_OFFSET = 2;
    static final int TIMESTAMP_OFFSET = 4;
    static final int SSRC_OFFSET = 8;
    static final int CSRC_OFFSET = 12;
    static final int CSRC_LENGTH = 4;
    static final int PADDING_BIT = 0x20;
    static final int EXTENSION_BIT = 0x10;
    static final int CSRC_COUNT_MASK = 0x0F;
    static final int MARKER_BIT = 0x80;
    static final int PAYLOAD_TYPE_MASK = 0x7F;
    private static final int VERSION_SHIFT = 6;
    /** RFC 5761 §4: with the marker bit masked off, RTCP packet types 192..223 read as payload types 64..95. */
    private static final int FIRST_RTCP_PAYLOAD_TYPE = 64;
    private static final int LAST_RTCP_PAYLOAD_TYPE = 95;

    private ByteBuf buf;
    private int offset;
    private int length;
    private int headerLength;
    private int extensionOffset;
    private int paddingLength;
    private RtpDropReason dropReason;

    /** Views the readable bytes of {@code buf}; see {@link #wrap(ByteBuf, int, int)}. */
    public boolean wrap(ByteBuf buf) {
        return wrap(buf, buf.readerIndex(), buf.readableBytes());
    }

    /**
     * Views {@code length} bytes of {@code buf} from absolute index {@code offset} as an RTP packet.
     *
     * @return true if they form a valid packet; false otherwise, with {@link #dropReason()} telling why (the view's
     *     accessors must then not be used)
     */
    public boolean wrap(ByteBuf buf, int offset, int length) {
        this.buf = buf;
        this.offset = offset;
        this.length = length;
        this.extensionOffset = -1;
        this.paddingLength = 0;
        this.dropReason = validate();
        return dropReason == null;
    }

    private RtpDropReason validate() {
        if (length < FIXED_HEADER_LENGTH) {
            return RtpDropReason.TRUNCATED;
        }
        int flags = buf.getUnsignedByte(offset + FLAGS_OFFSET);
        if (flags >>> VERSION_SHIFT != VERSION) {
            return RtpDropReason.BAD_VERSION;
        }
        int header = CSRC_OFFSET + CSRC_LENGTH * (flags & CSRC_COUNT_MASK);
        if ((flags & EXTENSION_BIT) != 0) {
            if (header + EXTENSION_HEADER_LENGTH > length) {
                return RtpDropReason.TRUNCATED;
            }
            int words = buf.getUnsignedShort(offset + header + 2);
            extensionOffset = header + EXTENSION_HEADER_LENGTH;
            header = extensionOffset + 4 * words;
            if (header > length) {
                return RtpDropReason.BAD_EXTENSION;
            }
        } else if (header > length) {
            return RtpDropReason.TRUNCATED;
        }
        headerLength = header;
        if ((flags & PADDING_BIT) != 0) {
            if (header == length) {
                return RtpDropReason.BAD_PADDING;
            }
            // The count includes itself, so 0 is as wrong as a count reaching into the header.
            int count = buf.getUnsignedByte(offset + length - 1);
            if (count == 0 || count > length - header) {
                return RtpDropReason.BAD_PADDING;
            }
            paddingLength = count;
        }
        return null;
    }

    /**
     * RFC 5761 §4 / RFC 7983 demultiplexing: whether the first bytes at {@code index} look like RTP rather than
     * RTCP sharing the same port. Only the version and the payload type are looked at; {@link #wrap} still decides.
     */
    public static boolean isRtp(ByteBuf buf, int index) {
        if (buf.writerIndex() - index < 2) {
            return false;
        }
        int payloadType = buf.getUnsignedByte(index + MARKER_PT_OFFSET) & PAYLOAD_TYPE_MASK;
        return buf.getUnsignedByte(index) >>> VERSION_SHIFT == VERSION
                && (payloadType < FIRST_RTCP_PAYLOAD_TYPE || payloadType > LAST_RTCP_PAYLOAD_TYPE);
    }

    /** Why the last {@link #wrap} failed, or {@code null} if it succeeded. */
    public RtpDropReason dropReason() {
        return dropReason;
    }

    /** The viewed buffer (borrowed). */
    public ByteBuf buffer() {
        return buf;
    }

    /** Absolute index of the first byte of the packet in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    /** Length of the whole packet, padding included. */
    public int length() {
        return length;
    }

    public int version() {
        return buf.getUnsignedByte(offset + FLAGS_OFFSET) >>> VERSION_SHIFT;
    }

    public boolean hasPadding() {
        return (buf.getUnsignedByte(offset + FLAGS_OFFSET) & PADDING_BIT) != 0;
    }

    /** Padding bytes at the end of the packet, the count byte included; 0 without the P bit. */
    public int paddingLength() {
        return paddingLength;
    }

    public boolean hasExtension() {
        return extensionOffset >= 0;
    }

    public int csrcCount() {
        return buf.getUnsignedByte(offset + FLAGS_OFFSET) & CSRC_COUNT_MASK;
    }

    /** The {@code index}-th contributing source, {@code 0 <= index < csrcCount()}. */
    public int csrc(int index) {
        if (index < 0 || index >= csrcCount()) {
            throw new IndexOutOfBoundsException("CSRC " + index + " of " + csrcCount());
        }
        return buf.getInt(offset + CSRC_OFFSET + CSRC_LENGTH * index);
    }

    public boolean marker() {
        return (buf.getUnsignedByte(offset + MARKER_PT_OFFSET) & MARKER_BIT) != 0;
    }

    public int payloadType() {
        return buf.getUnsignedByte(offset + MARKER_PT_OFFSET) & PAYLOAD_TYPE_MASK;
    }

    /** The 16-bit sequence number, 0..65535. */
    public int sequenceNumber() {
        return buf.getUnsignedShort(offset + SEQUENCE_OFFSET);
    }

    /** The 32-bit timestamp; arithmetic on it is modulo 2^32, as Java int arithmetic is. */
    public int timestamp() {
        return buf.getInt(offset + TIMESTAMP_OFFSET);
    }

    /** The 32-bit SSRC; compare with {@link Integer#compareUnsigned} if an order is needed. */
    public int ssrc() {
        return buf.getInt(offset + SSRC_OFFSET);
    }

    /** The "defined by profile" field of the header extension (§5.3.1), or -1 without the X bit. */
    public int extensionProfile() {
        return extensionOffset < 0 ? -1 : buf.getUnsignedShort(offset + extensionOffset - EXTENSION_HEADER_LENGTH);
    }

    /** Absolute index of the header extension data (after its 4-byte header), or -1 without the X bit. */
    public int extensionDataOffset() {
        return extensionOffset < 0 ? -1 : offset + extensionOffset;
    }

    /** Length of the header extension data in bytes (a multiple of 4), 0 without the X bit. */
    public int extensionDataLength() {
        return extensionOffset < 0 ? 0 : headerLength - extensionOffset;
    }

    /** Fixed header, CSRCs and extension: the bytes before the payload. */
    public int headerLength() {
        return headerLength;
    }

    /** Absolute index of the payload in {@link #buffer()}. */
    public int payloadOffset() {
        return offset + headerLength;
    }

    /** Length of the payload, padding excluded. */
    public int payloadLength() {
        return length - headerLength - paddingLength;
    }

    public void setMarker(boolean marker) {
        int index = offset + MARKER_PT_OFFSET;
        int value = buf.getUnsignedByte(index);
        buf.setByte(index, marker ? value | MARKER_BIT : value & ~MARKER_BIT);
    }

    /** Rewrites the payload type, keeping the marker bit. */
    public void setPayloadType(int payloadType) {
        if (payloadType < 0 || payloadType > MAX_PAYLOAD_TYPE) {
            throw new IllegalArgumentException("payload type " + payloadType + " is not 0..127");
        }
        int index = offset + MARKER_PT_OFFSET;
        buf.setByte(index, (buf.getUnsignedByte(index) & MARKER_BIT) | payloadType);
    }

    /** Rewrites the sequence number with the low 16 bits of {@code sequenceNumber}. */
    public void setSequenceNumber(int sequenceNumber) {
        buf.setShort(offset + SEQUENCE_OFFSET, sequenceNumber);
    }

    public void setTimestamp(int timestamp) {
        buf.setInt(offset + TIMESTAMP_OFFSET, timestamp);
    }

    public void setSsrc(int ssrc) {
        buf.setInt(offset + SSRC_OFFSET, ssrc);
    }

    @Override
    public String toString() {
        if (buf == null || dropReason != null) {
            return "RtpPacket[" + (buf == null ? "unwrapped" : dropReason) + "]";
        }
        return "RtpPacket[pt=" + payloadType() + ", seq=" + sequenceNumber() + ", ts="
                + Integer.toUnsignedString(timestamp()) + ", ssrc=" + Integer.toUnsignedString(ssrc())
                + ", m=" + marker() + ", length=" + length + "]";
    }
}
