package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.util.List;

/**
 * A Goodbye packet to write (RFC 3550 §6.6; layout in {@link ByeView}).
 *
 * @param ssrcs  at most 31 SSRC/CSRC identifiers
 * @param reason optional reason for leaving, UTF-8, at most 255 octets; "" for none
 */
public record Bye(List<Long> ssrcs, String reason) implements RtcpPacket {
    private static final int MAX_REASON_LENGTH = 255;

    public Bye {
        ssrcs = List.copyOf(ssrcs);
        RtcpPacket.requireCount(ssrcs.size(), "sources");
        for (long ssrc : ssrcs) {
            RtcpPacket.requireUnsigned32(ssrc, "ssrc");
        }
        if (ByteBufUtil.utf8Bytes(reason) > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("BYE reason longer than 255 octets");
        }
    }

    @Override
    public int encodedLength() {
        int length = RtcpHeader.SIZE + ssrcs.size() * 4;
        return reason.isEmpty() ? length : length + ((1 + ByteBufUtil.utf8Bytes(reason) + 3) & ~3);
    }

    @Override
    public void encodeTo(ByteBuf out) {
        int start = out.writerIndex();
        int length = encodedLength();
        RtcpHeader.write(out, ssrcs.size(), RtcpHeader.PT_BYE, length);
        for (int i = 0, n = ssrcs.size(); i < n; i++) {
            out.writeInt(ssrcs.get(i).intValue());
        }
        if (!reason.isEmpty()) {
            out.writeByte(ByteBufUtil.utf8Bytes(reason));
            ByteBufUtil.writeUtf8(out, reason);
            out.writeZero(length - (out.writerIndex() - start));
        }
    }
}
