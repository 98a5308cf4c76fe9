package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight view of a Generic NACK (RFC 4585 §6.2.1): RTPFB with FMT=1 and one or more {@link NackItem} entries
 * of 4 bytes in the FCI.
 */
public final class GenericNackView extends FeedbackMessageView {

    public GenericNackView() {
        super(RtcpHeader.PT_RTPFB, FMT_GENERIC_NACK);
    }

    @Override
    RtcpDropReason checkFci(ByteBuf b, int fciStart, int length) {
        return length >= NackItem.LENGTH && length % NackItem.LENGTH == 0
                ? RtcpDropReason.NONE : RtcpDropReason.MALFORMED;
    }

    public int itemCount() {
        return fciLength / NackItem.LENGTH;
    }

    /** PID of the {@code index}-th entry. */
    public int packetId(int index) {
        return buf.getUnsignedShort(item(index));
    }

    /** BLP of the {@code index}-th entry. */
    public int bitmask(int index) {
        return buf.getUnsignedShort(item(index) + 2);
    }

    /**
     * Expands every entry into {@code out} (see {@link NackItem#expand}) and returns how many sequence numbers were
     * written; stops when {@code out} is full. At most {@code itemCount() * 17} numbers exist.
     */
    public int lostSequences(int[] out) {
        int n = 0;
        for (int i = 0, count = itemCount(); i < count && n < out.length; i++) {
            n += NackItem.expand(packetId(i), bitmask(i), out, n);
        }
        return n;
    }

    private int item(int index) {
        if (index < 0 || index >= itemCount()) {
            throw new IndexOutOfBoundsException(index);
        }
        return fciStart() + index * NackItem.LENGTH;
    }
}
