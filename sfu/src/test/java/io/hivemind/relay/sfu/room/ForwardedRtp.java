package io.hivemind.relay.sfu.room;

import io.hivemind.relay.media.rtp.HeaderExtensions;
import io.hivemind.relay.media.rtp.RtpPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.util.Arrays;
import java.util.List;

/** A recorded RTP packet, parsed back with media-core's {@link RtpPacket}. */
record ForwardedRtp(int ssrc, int seq, int timestamp, int payloadType, boolean marker, byte[] payload,
                    String extensions) {

    static ForwardedRtp parse(byte[] bytes) {
        RtpPacket view = new RtpPacket();
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        if (!view.wrap(buf)) {
            throw new AssertionError("not RTP: " + view.dropReason());
        }
        return new ForwardedRtp(view.ssrc(), view.sequenceNumber(), view.timestamp(), view.payloadType(),
                view.marker(), Arrays.copyOfRange(bytes, view.payloadOffset() - view.offset(),
                view.payloadOffset() - view.offset() + view.payloadLength()), extensions(view));
    }

    /** The extension elements as "id=hex" joined by commas, padding skipped. */
    private static String extensions(RtpPacket view) {
        HeaderExtensions walker = new HeaderExtensions();
        walker.wrap(view);
        StringBuilder out = new StringBuilder();
        while (walker.next()) {
            out.append(out.isEmpty() ? "" : ",").append(walker.id()).append('=')
                    .append(ByteBufUtil.hexDump(view.buffer(), walker.valueOffset(), walker.valueLength()));
        }
        return out.toString();
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
