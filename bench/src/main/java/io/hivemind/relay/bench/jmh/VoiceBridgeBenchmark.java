package io.hivemind.relay.bench.jmh;

import io.hivemind.relay.hub.voice.RoomAudioInput;
import io.hivemind.relay.hub.voice.RoomAudioOutput;
import io.hivemind.relay.hub.voice.VoiceAudioConfig;
import io.hivemind.relay.media.opus.OpusEncoderConfig;
import io.hivemind.relay.media.opus.OpusEncoderSession;
import io.hivemind.relay.media.rtp.RtpPacketWriter;
import io.hivemind.relay.media.time.ManualClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The processing a voice worker adds per 20 ms frame, each direction on the worker's own clock (no waiting, no
 * model): {@code roomToPcm} is one RTP packet per speaker handed over as the room's loop does, then one tick
 * (jitter buffer, Opus decode, mix-minus, 48 → 24 kHz, a 20 ms PCM chunk out); {@code pcmToRtp} is one 20 ms
 * {@code response.output_audio.delta} queued, then one tick (24 → 48 kHz, Opus encode, RTP with the audio level
 * out). Run with {@code -bm sample} for percentiles; buffering delays (jitter target, tick alignment, filter group
 * delay, codec look-ahead) come on top.
 */
public class VoiceBridgeBenchmark extends Microbenchmark {
    private static final int FRAMES = 50;

    private final ManualClock clock = new ManualClock();
    private RoomAudioOutput output;
    private byte[] delta;
    private long packetsOut;

    /** The hearing side with {@code speakers} people talking at once. */
    @State(Scope.Thread)
    public static class Hearing {
        private static final int SSRC_BASE = 0x1000;

        @Param({"1", "4"})
        public int speakers;

        private final ManualClock clock = new ManualClock();
        private RoomAudioInput input;
        private ByteBuf[][] packets;
        private int frame;
        private int sequence;
        private long chunksOut;

        @Setup(Level.Trial)
        public void setUp() {
            input = new RoomAudioInput("agent-bench", VoiceAudioConfig.DEFAULT, clock, (pcm, capture) -> chunksOut++);
            packets = new ByteBuf[speakers][];
            for (int s = 0; s < speakers; s++) {
                input.onSubscribed(SSRC_BASE + s, "speaker-" + s);
                packets[s] = tone(SSRC_BASE + s, 200 + 150 * s);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            input.close();
            for (ByteBuf[] stream : packets) {
                for (ByteBuf packet : stream) {
                    packet.release();
                }
            }
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        output = new RoomAudioOutput(0xA6E47, 111, 1, VoiceAudioConfig.DEFAULT, clock,
                PooledByteBufAllocator.DEFAULT, packet -> {
                    packetsOut++;
                    packet.release();
                }, 0, 0);
        short[] pcm = sine(24_000, 660, 480);
        delta = new byte[2 * pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            delta[2 * i] = (byte) pcm[i];
            delta[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        output.close();
    }

    /** Returns the chunks emitted so far. */
    @Benchmark
    public long roomToPcm(Hearing hearing) {
        hearing.clock.advanceMillis(20);
        int f = hearing.frame;
        hearing.frame = f + 1 == FRAMES ? 0 : f + 1;
        int seq = hearing.sequence++;
        for (ByteBuf[] stream : hearing.packets) {
            ByteBuf packet = stream[f];
            // The stream loops over the same audio; sequence numbers and timestamps keep moving forward.
            packet.setShort(2, seq);
            packet.setInt(4, seq * 960);
            hearing.input.onRtp(packet);
        }
        hearing.input.tick();
        return hearing.chunksOut;
    }

    /** Returns the packets sent so far. The delta array is shared by every call: the queue never writes to it. */
    @Benchmark
    public long pcmToRtp() {
        clock.advanceMillis(20);
        output.speak("item_bench", delta);
        output.tick();
        return packetsOut;
    }

    private static ByteBuf[] tone(int ssrc, double hz) {
        ByteBuf[] stream = new ByteBuf[FRAMES];
        RtpPacketWriter writer = new RtpPacketWriter();
        short[] pcm = sine(48_000, hz, FRAMES * 960);
        try (OpusEncoderSession encoder = new OpusEncoderSession(OpusEncoderConfig.voice(1))) {
            for (int f = 0; f < FRAMES; f++) {
                ByteBuf packet = Unpooled.directBuffer(1500);
                writer.start(packet, 111, false, f, f * 960, ssrc).payload(Unpooled.EMPTY_BUFFER, 0, 0);
                encoder.encode(pcm, f * 960, packet);
                writer.finish(0);
                stream[f] = packet;
            }
        }
        return stream;
    }

    private static short[] sine(int rate, double hz, int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return pcm;
    }
}
