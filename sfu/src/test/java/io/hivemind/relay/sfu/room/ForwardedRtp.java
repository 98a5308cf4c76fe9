package io.hivemind.relay.sfu.room;

import io.hivemind.relay.media.rtp.RtpPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.Arrays;
import java.util.List;

/** A recorded RTP packet, parsed back with media-core's {@link RtpPacket}. */
record ForwardedRtp(int ssrc, int seq, int timestamp, int payloadType, boolean marker, byte[] payload) {

    static ForwardedRtp parse(byte[] bytes) {
        RtpPacket view = new RtpPacket();
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        if (!view.wrap(buf)) {
            throw new AssertionError("not RTP: " + view.dropReason());
        }
        return new ForwardedRtp(view.ssrc(), view.sequenceNumber(), view.timestamp(), view.payloadType(),
                view.marker(), Arrays.copyOfRange(bytes, view.payloadOffset() - view.offset(),
                view.payloadOffset() - view.offset() + view.payloadLength()));
    }

    static List<ForwardedRtp> all(List<byte[]> recorded) {
        return recorded.stream().map(ForwardedRtp::parse).toList();
    }

    /** The payload {@link RoomFixture#rtp} writes for a source sequence number. */
    static byte[] payloadOf(int sourceSeq) {
        byte[] payload = new byte[40];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (sourceSeq + i);
        }
        return payload;
    }
}
