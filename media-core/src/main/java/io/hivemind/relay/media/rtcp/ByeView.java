package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Flyweight view of a Goodbye packet (RFC 3550 §6.6).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    SC   |   PT=BYE=203  |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           SSRC/CSRC                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :                              ...                              :
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |     length    |               reason for leaving            ... (opt)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class ByeView {
    private ByteBuf buf;
    private int offset;
    private int sourceCount;
    private int reasonOffset;

    /** Points the view at {@code header}'s packet, checking that the sources and the reason fit. */
    public RtcpDropReason wrap(RtcpHeader header) {
        buf = null;
        sourceCount = 0;
        if (header.packetType() != RtcpHeader.PT_BYE) {
            return RtcpDropReason.WRONG_TYPE;
        }
        int count = header.count();
        int reasonAt = RtcpHeader.SIZE + count * 4;
        int content = header.contentLength();
        if (content < reasonAt) {
            return RtcpDropReason.MALFORMED;
        }
        ByteBuf b = header.buffer();
        if (content > reasonAt && reasonAt + 1 + b.getUnsignedByte(header.offset() + reasonAt) > content) {
            return RtcpDropReason.MALFORMED;
        }
        buf = b;
        offset = header.offset();
        sourceCount = count;
        reasonOffset = content > reasonAt ? offset + reasonAt : -1;
        return RtcpDropReason.NONE;
    }

    public int sourceCount() {
        return sourceCount;
    }

    public long ssrc(int index) {
        if (index < 0 || index >= sourceCount) {
            throw new IndexOutOfBoundsException(index);
        }
        return buf.getUnsignedInt(offset + RtcpHeader.SIZE + index * 4);
    }

    public boolean hasReason() {
        return reasonOffset >= 0;
    }

    /** Length of the reason in octets, 0 when absent. */
    public int reasonLength() {
        return reasonOffset < 0 ? 0 : buf.getUnsignedByte(reasonOffset);
    }

    /** Index of the reason text in the wrapped buffer. */
    public int reasonTextOffset() {
        return reasonOffset + 1;
    }

    /** The reason as UTF-8 text, "" when absent. Allocates. */
    public String reason() {
        return reasonOffset < 0 ? "" : buf.toString(reasonTextOffset(), reasonLength(), StandardCharsets.UTF_8);
    }
}
