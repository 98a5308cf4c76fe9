package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * One SDES chunk to write (RFC 3550 §6.5): an SSRC or CSRC, its items, and the null octets that end the item list
 * and pad the chunk to a 32-bit boundary (at least one null octet, so a chunk with 0 items is SSRC + 4 nulls).
 */
public record SdesChunk(long ssrc, List<SdesItem> items) {

    public SdesChunk {
        RtcpPacket.requireUnsigned32(ssrc, "ssrc");
        items = List.copyOf(items);
    }

    int encodedLength() {
        int length = 4 + 1;
        for (int i = 0, n = items.size(); i < n; i++) {
            length += items.get(i).encodedLength();
        }
        return (length + 3) & ~3;
    }

    void encodeTo(ByteBuf out) {
        int start = out.writerIndex();
        out.writeInt((int) ssrc);
        for (int i = 0, n = items.size(); i < n; i++) {
            items.get(i).encodeTo(out);
        }
        out.writeZero(encodedLength() - (out.writerIndex() - start));
    }
}
