package io.hivemind.relay.bench.jmh;

import io.hivemind.relay.bench.SpeechSignal;
import io.hivemind.relay.media.opus.OpusDecoderSession;
import io.hivemind.relay.media.opus.OpusDropReason;
import io.hivemind.relay.media.opus.OpusEncoderConfig;
import io.hivemind.relay.media.opus.OpusEncoderSession;
import io.hivemind.relay.media.opus.OpusToc;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One 20 ms mono 48 kHz frame of speech-like audio (voice harmonics under a syllable envelope) through libopus at
 * 32 kbit/s VOIP, and the TOC/framing check a relay runs on every forwarded packet. Run with {@code -prof gc}:
 * gc.alloc.rate.norm should be about 0 B/op (PCM and packets pass through per-session direct buffers).
 */
public class OpusBenchmark extends Microbenchmark {

    private static final int FRAMES = 50;
    private static final int FRAME = 960;

    private OpusEncoderSession encoder;
    private OpusDecoderSession decoder;
    private final OpusToc toc = new OpusToc();
    private short[] speech;
    private byte[][] packets;
    private ByteBuf packetBuf;
    private final byte[] out = new byte[1500];
    private final short[] pcm = new short[FRAME];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        speech = SpeechSignal.generate(FRAMES * FRAME);
        encoder = new OpusEncoderSession(OpusEncoderConfig.voice(1));
        packets = new byte[FRAMES][];
        try (OpusEncoderSession priming = new OpusEncoderSession(OpusEncoderConfig.voice(1))) {
            for (int i = 0; i < FRAMES; i++) {
                int length = priming.encode(speech, i * FRAME, out, 0);
                packets[i] = Arrays.copyOf(out, length);
            }
        }
        decoder = new OpusDecoderSession(1);
        packetBuf = Unpooled.directBuffer(1500).writeBytes(packets[FRAMES / 2]);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoder.close();
        decoder.close();
        packetBuf.release();
    }

    /** Returns the packet length. */
    @Benchmark
    public int encode() {
        int frame = next;
        next = frame + 1 == FRAMES ? 0 : frame + 1;
        return encoder.encode(speech, frame * FRAME, out, 0);
    }

    /** Returns samples decoded; the packets come from a continuous stream, decoded in order. */
    @Benchmark
    public int decode() {
        int frame = next;
        next = frame + 1 == FRAMES ? 0 : frame + 1;
        byte[] packet = packets[frame];
        return decoder.decode(packet, 0, packet.length, pcm, 0);
    }

    @Benchmark
    public OpusDropReason parseToc() {
        return toc.parse(packetBuf, packetBuf.readerIndex(), packetBuf.readableBytes());
    }
}
