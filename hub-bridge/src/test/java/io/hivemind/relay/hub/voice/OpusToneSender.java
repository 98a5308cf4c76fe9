package io.hivemind.relay.hub.voice;

import io.hivemind.relay.media.opus.OpusEncoderConfig;
import io.hivemind.relay.media.opus.OpusEncoderSession;
import io.hivemind.relay.media.rtp.RtpPacketWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** A simulated speaker: a continuous sine encoded as 20 ms Opus frames in RTP, as a browser would send it. */
final class OpusToneSender implements AutoCloseable {
    private final int ssrc;
    private final double hz;
    private final OpusEncoderSession encoder = new OpusEncoderSession(OpusEncoderConfig.voice(1));
    private final RtpPacketWriter writer = new RtpPacketWriter();
    private int sequenceNumber = 1000;
    private long sample;
    private boolean talkspurtStart = true;

    OpusToneSender(int ssrc, double hz) {
        this.ssrc = ssrc;
        this.hz = hz;
    }

    /** The next packet, in a new heap buffer the caller owns. */
    ByteBuf next() {
        short[] pcm = Tones.sine(hz, 48_000, sample, 960, 8000);
        ByteBuf packet = Unpooled.buffer(1500);
        writer.start(packet, 111, talkspurtStart, sequenceNumber, (int) (sample + 12345), ssrc)
                .payload(Unpooled.EMPTY_BUFFER, 0, 0);
        encoder.encode(pcm, 0, packet);
        writer.finish(0);
        sequenceNumber++;
        sample += 960;
        talkspurtStart = false;
        return packet;
    }

    /**
     * Lets {@code samples} of time pass without sending, as a sender that stops during silence does: the RTP
     * timestamp moves on and the next packet starts a talkspurt.
     */
    void skip(long samples) {
        sample += samples;
        talkspurtStart = true;
    }

    @Override
    public void close() {
        encoder.close();
    }
}
