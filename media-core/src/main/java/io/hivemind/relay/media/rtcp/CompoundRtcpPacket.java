package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * A compound RTCP packet to write (RFC 3550 §6.1): its packets back to back in one datagram, each with its own
 * length field. Per RFC 3550 the first packet is an SR or RR; a compound made only of Generic NACKs is a
 * reduced-size packet (RFC 5506) and is allowed too, which keeps every compound readable by
 * {@link CompoundRtcpReader}. A full compound should also carry an SDES CNAME; that is left to the caller.
 */
public record CompoundRtcpPacket(List<RtcpPacket> packets) implements RtcpPacket {

    public CompoundRtcpPacket {
        packets = List.copyOf(packets);
        if (packets.isEmpty()) {
            throw new IllegalArgumentException("a compound needs at least one packet");
        }
        boolean allFeedback = true;
        for (RtcpPacket packet : packets) {
            if (packet instanceof CompoundRtcpPacket) {
                throw new IllegalArgumentException("compounds do not nest");
            }
            allFeedback &= packet instanceof GenericNack;
        }
        RtcpPacket first = packets.get(0);
        if (!(first instanceof SenderReport || first instanceof ReceiverReport || allFeedback)) {
            throw new IllegalArgumentException("a compound starts with SR or RR, got " + first.getClass());
        }
    }

    public static CompoundRtcpPacket of(RtcpPacket... packets) {
        return new CompoundRtcpPacket(List.of(packets));
    }

    @Override
    public int encodedLength() {
        int length = 0;
        for (int i = 0, n = packets.size(); i < n; i++) {
            length += packets.get(i).encodedLength();
        }
        return length;
    }

    @Override
    public void encodeTo(ByteBuf out) {
        for (int i = 0, n = packets.size(); i < n; i++) {
            packets.get(i).encodeTo(out);
        }
    }
}
