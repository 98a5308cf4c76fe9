package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * A Generic NACK to write (RFC 4585 §6.2.1): RTPFB, FMT=1, sender SSRC, media source SSRC and one or more
 * {@link NackItem}s. {@link GenericNackView} reads one.
 */
public record GenericNack(long senderSsrc, long mediaSsrc, List<NackItem> items) implements RtcpPacket {
    /** What a 16-bit length field leaves after the header and the two SSRCs. */
    private static final int MAX_ITEMS = (RtcpHeader.MAX_LENGTH - FeedbackMessageView.FCI_OFFSET) / NackItem.LENGTH;

    public GenericNack {
        RtcpPacket.requireUnsigned32(senderSsrc, "sender ssrc");
        RtcpPacket.requireUnsigned32(mediaSsrc, "media ssrc");
        items = List.copyOf(items);
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("a Generic NACK needs 1.." + MAX_ITEMS + " items: " + items.size());
        }
    }

    /** The NACK with the fewest items that reports exactly {@code lostSequences} (see {@link NackItem#cover}). */
    public static GenericNack ofLostSequences(long senderSsrc, long mediaSsrc, int... lostSequences) {
        return new GenericNack(senderSsrc, mediaSsrc, NackItem.cover(lostSequences));
    }

    @Override
    public int encodedLength() {
        return FeedbackMessageView.FCI_OFFSET + items.size() * NackItem.LENGTH;
    }

    @Override
    public void encodeTo(ByteBuf out) {
        RtcpHeader.write(out, FeedbackMessageView.FMT_GENERIC_NACK, RtcpHeader.PT_RTPFB, encodedLength());
        out.writeInt((int) senderSsrc);
        out.writeInt((int) mediaSsrc);
        for (int i = 0, n = items.size(); i < n; i++) {
            items.get(i).encodeTo(out);
        }
    }
}
