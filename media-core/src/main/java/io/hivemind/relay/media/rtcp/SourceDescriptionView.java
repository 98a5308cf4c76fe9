package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Flyweight cursor over a Source Description packet (RFC 3550 §6.5): SC chunks, each an SSRC followed by items and
 * ended by one or more null octets up to the next 32-bit boundary.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    SC   |  PT=SDES=202  |             length            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                          SSRC/CSRC_1                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     type      |    length     |  text (length octets) ...     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ... more items, then END (0) and null padding to 32 bits     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 *
 * {@link #wrap} checks the whole structure, so the cursor methods never read outside the packet.
 */
public final class SourceDescriptionView {
    /** SDES item types, RFC 3550 §6.5.1 to §6.5.8. */
    public static final int END = 0;
    public static final int CNAME = 1;
    public static final int NAME = 2;
    public static final int EMAIL = 3;
    public static final int PHONE = 4;
    public static final int LOC = 5;
    public static final int TOOL = 6;
    public static final int NOTE = 7;
    public static final int PRIV = 8;

    private static final int SSRC_LENGTH = 4;
    private static final int ITEM_HEADER_LENGTH = 2;

    private ByteBuf buf;
    private int packetOffset;
    private int contentEnd;
    private int chunkCount;
    private int chunksLeft;
    private int nextChunk;
    private int chunkOffset;
    private int nextItem;
    private int itemOffset;

    /** Points the cursor before the first chunk of {@code header}'s packet. */
    public RtcpDropReason wrap(RtcpHeader header) {
        buf = null;
        chunkCount = 0;
        chunksLeft = 0;
        if (header.packetType() != RtcpHeader.PT_SDES) {
            return RtcpDropReason.WRONG_TYPE;
        }
        ByteBuf b = header.buffer();
        int start = header.offset();
        int end = start + header.contentLength();
        int pos = start + RtcpHeader.SIZE;
        int count = header.count();
        for (int i = 0; i < count; i++) {
            pos = chunkEnd(b, start, pos, end);
            if (pos < 0) {
                return RtcpDropReason.MALFORMED;
            }
        }
        if (pos != end) {
            return RtcpDropReason.MALFORMED;
        }
        buf = b;
        packetOffset = start;
        contentEnd = end;
        chunkCount = count;
        chunksLeft = count;
        nextChunk = start + RtcpHeader.SIZE;
        nextItem = -1;
        return RtcpDropReason.NONE;
    }

    /** Where the chunk at {@code chunk} ends (aligned), or -1 when it does not fit before {@code end}. */
    private static int chunkEnd(ByteBuf b, int packetStart, int chunk, int end) {
        int pos = chunk + SSRC_LENGTH;
        while (true) {
            if (pos >= end) {
                return -1;
            }
            if (b.getUnsignedByte(pos) == END) {
                pos++;
                int aligned = pos + ((4 - ((pos - packetStart) & 3)) & 3);
                if (aligned > end) {
                    return -1;
                }
                for (int i = pos; i < aligned; i++) {
                    if (b.getByte(i) != 0) {
                        return -1;
                    }
                }
                return aligned;
            }
            if (pos + ITEM_HEADER_LENGTH > end) {
                return -1;
            }
            pos += ITEM_HEADER_LENGTH + b.getUnsignedByte(pos + 1);
        }
    }

    /** Number of chunks (SC). */
    public int chunkCount() {
        return chunkCount;
    }

    /** Moves to the next chunk, skipping any items not visited; false after the last. */
    public boolean nextChunk() {
        if (chunksLeft == 0) {
            return false;
        }
        chunksLeft--;
        chunkOffset = nextChunk;
        nextChunk = chunkEnd(buf, packetOffset, chunkOffset, contentEnd);
        nextItem = chunkOffset + SSRC_LENGTH;
        return true;
    }

    /** SSRC or CSRC of the current chunk. */
    public long chunkSsrc() {
        return buf.getUnsignedInt(chunkOffset);
    }

    /** Moves to the next item of the current chunk; false at its END item. */
    public boolean nextItem() {
        if (nextItem < 0 || buf.getUnsignedByte(nextItem) == END) {
            nextItem = -1;
            return false;
        }
        itemOffset = nextItem;
        nextItem = itemOffset + ITEM_HEADER_LENGTH + itemLength();
        return true;
    }

    public int itemType() {
        return buf.getUnsignedByte(itemOffset);
    }

    /** Length of the item text in octets. */
    public int itemLength() {
        return buf.getUnsignedByte(itemOffset + 1);
    }

    /** Index of the item text in the wrapped buffer. */
    public int itemTextOffset() {
        return itemOffset + ITEM_HEADER_LENGTH;
    }

    /** The item text decoded as UTF-8 (RFC 3550 §6.5). Allocates: meant for a new CNAME, not per packet. */
    public String itemText() {
        return buf.toString(itemTextOffset(), itemLength(), StandardCharsets.UTF_8);
    }
}
