package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

import java.util.List;

/** A Source Description packet to write (RFC 3550 §6.5; layout in {@link SourceDescriptionView}). */
public record SourceDescription(List<SdesChunk> chunks) implements RtcpPacket {

    public SourceDescription {
        chunks = List.copyOf(chunks);
        RtcpPacket.requireCount(chunks.size(), "chunks");
        int length = 0;
        for (SdesChunk chunk : chunks) {
            length += chunk.encodedLength();
        }
        if (RtcpHeader.SIZE + length > RtcpHeader.MAX_LENGTH) {
            throw new IllegalArgumentException("SDES of " + length + " octets does not fit a length field");
        }
    }

    /** The usual one-chunk SDES with just a CNAME. */
    public static SourceDescription cname(long ssrc, String cname) {
        return new SourceDescription(List.of(new SdesChunk(ssrc, List.of(SdesItem.cname(cname)))));
    }

    @Override
    public int encodedLength() {
        int length = RtcpHeader.SIZE;
        for (int i = 0, n = chunks.size(); i < n; i++) {
            length += chunks.get(i).encodedLength();
        }
        return length;
    }

    @Override
    public void encodeTo(ByteBuf out) {
        RtcpHeader.write(out, chunks.size(), RtcpHeader.PT_SDES, encodedLength());
        for (int i = 0, n = chunks.size(); i < n; i++) {
            chunks.get(i).encodeTo(out);
        }
    }
}
