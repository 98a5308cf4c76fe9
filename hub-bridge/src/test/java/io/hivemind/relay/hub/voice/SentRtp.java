package io.hivemind.relay.hub.voice;

import io.hivemind.relay.media.opus.OpusDecoderSession;
import io.hivemind.relay.media.rtp.AudioLevelExtension;
import io.hivemind.relay.media.rtp.HeaderExtensions;
import io.hivemind.relay.media.rtp.RtpPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.util.List;

/** An RTP packet as a test received it, copied out of its buffer. */
public record SentRtp(int sequenceNumber, long timestamp, boolean marker, int payloadType, int ssrc, int audioLevel,
               byte[] payload) {

    /** Copies and parses {@code packet} (borrowed); the audio level is -1 without an element of that id. */
    static SentRtp of(ByteBuf packet, int audioLevelId) {
        RtpPacket view = new RtpPacket();
        if (!view.wrap(packet)) {
            throw new AssertionError("not RTP: " + ByteBufUtil.hexDump(packet));
        }
        int level = -1;
        if (view.hasExtension() && audioLevelId != 0) {
            HeaderExtensions extensions = new HeaderExtensions();
            extensions.wrap(view);
            level = AudioLevelExtension.read(extensions, audioLevelId);
        }
        byte[] payload = ByteBufUtil.getBytes(packet, view.payloadOffset(), view.payloadLength());
        return new SentRtp(view.sequenceNumber(), view.timestamp() & 0xFFFF_FFFFL, view.marker(),
                view.payloadType(), view.ssrc(), level, payload);
    }

    /** Copies a packet given to a sink and releases it, as a sink taking ownership must. */
    static SentRtp consume(ByteBuf packet, int audioLevelId) {
        try {
            return of(packet, audioLevelId);
        } finally {
            packet.release();
        }
    }

    /** Decodes the packets' Opus payloads in order into 48 kHz PCM. */
    static short[] decode(List<SentRtp> packets) {
        short[] pcm = new short[packets.size() * 960];
        int n = 0;
        try (OpusDecoderSession decoder = new OpusDecoderSession(1)) {
            for (SentRtp p : packets) {
                n += decoder.decode(Unpooled.wrappedBuffer(p.payload()), pcm, n);
            }
        }
        return pcm;
    }
}
