package io.hivemind.relay.media.opus;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tomp2p.opuswrapper.Opus;

/**
 * Any bytes through {@link OpusToc}, checked against libopus's own packet parser (opus-java's binding, independent
 * of ours) on the same bytes. Regression mode replays {@code OpusTocFuzzTestInputs/parseAgreesWithLibopus/}.
 * Fuzzing mode: {@code JAZZER_FUZZ=1 mvn -o -pl media-core test -Dtest=OpusTocFuzzTest#parseAgreesWithLibopus}.
 */
class OpusTocFuzzTest {

    private static final int GUARD = 3;
    /** opus-java's Opus.INSTANCE binds to whatever libopus is loaded when it initialises: load ours first. */
    private static final String LIBOPUS_VERSION = LibOpus.opus_get_version_string();

    private final OpusToc toc = new OpusToc();
    private final OpusToc reparsed = new OpusToc();
    private final ShortBuffer libopusSizes = ByteBuffer.allocateDirect(2 * OpusToc.MAX_FRAMES)
        .order(ByteOrder.nativeOrder()).asShortBuffer();
    private final IntBuffer libopusPayloadOffset = ByteBuffer.allocateDirect(4)
        .order(ByteOrder.nativeOrder()).asIntBuffer();

    @FuzzTest
    void parseAgreesWithLibopus(byte[] packet) {
        // Surround the packet with bytes that would change the result if the parser strayed outside its range.
        byte[] framed = new byte[GUARD + packet.length + GUARD];
        Arrays.fill(framed, (byte) 0xFF);
        System.arraycopy(packet, 0, framed, GUARD, packet.length);
        ByteBuf buf = Unpooled.wrappedBuffer(framed);

        OpusDropReason reason = toc.parse(buf, GUARD, packet.length);

        assertThat(reason).isNotNull();
        assertThat(buf.readerIndex()).isZero();
        assertThat(LIBOPUS_VERSION).startsWith("libopus");
        if (packet.length == 0) {
            assertThat(reason).isEqualTo(OpusDropReason.EMPTY);
            return;
        }
        int libopusFrames = Opus.INSTANCE.opus_packet_parse(packet, packet.length, null, null, libopusSizes,
            libopusPayloadOffset);
        if (reason != OpusDropReason.NONE) {
            assertThat(libopusFrames).as("libopus rejects what we drop as %s", reason).isNegative();
            return;
        }
        assertThat(libopusFrames).as("libopus frame count").isEqualTo(toc.frameCount());
        assertThat(Opus.INSTANCE.opus_packet_get_nb_frames(packet, packet.length)).isEqualTo(toc.frameCount());
        assertThat(Opus.INSTANCE.opus_packet_get_samples_per_frame(packet, 48_000)).isEqualTo(toc.frameSamples());
        assertThat(toc.durationSamples()).isLessThanOrEqualTo(OpusToc.MAX_PACKET_SAMPLES);
        assertThat(toc.frameOffset(0) - GUARD).as("payload offset").isEqualTo(libopusPayloadOffset.get(0));
        for (int i = 0; i < toc.frameCount(); i++) {
            assertThat(toc.frameLength(i)).as("frame %d length", i).isEqualTo(libopusSizes.get(i))
                .isBetween(0, OpusToc.MAX_FRAME_BYTES);
            assertThat(toc.frameOffset(i) + toc.frameLength(i)).isLessThanOrEqualTo(GUARD + packet.length);
        }
        assertRoundTrip(buf);
    }

    /** parse → write → parse gives the same packet structure and frame bytes. */
    private void assertRoundTrip(ByteBuf buf) {
        byte[][] frames = new byte[toc.frameCount()][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new byte[toc.frameLength(i)];
            buf.getBytes(toc.frameOffset(i), frames[i]);
        }
        int tocHigh = toc.config() << 3 | (toc.stereo() ? 4 : 0);
        byte[] rewritten = OpusPacketWriter.write(tocHigh, toc.frameCountCode(), toc.vbr(), toc.paddingLength(),
            frames);
        ByteBuf again = Unpooled.wrappedBuffer(rewritten);

        assertThat(reparsed.parse(again, 0, rewritten.length)).isEqualTo(OpusDropReason.NONE);
        assertThat(reparsed.config()).isEqualTo(toc.config());
        assertThat(reparsed.stereo()).isEqualTo(toc.stereo());
        assertThat(reparsed.frameCountCode()).isEqualTo(toc.frameCountCode());
        assertThat(reparsed.paddingLength()).isEqualTo(toc.paddingLength());
        assertThat(reparsed.frameCount()).isEqualTo(frames.length);
        for (int i = 0; i < frames.length; i++) {
            byte[] frame = new byte[reparsed.frameLength(i)];
            again.getBytes(reparsed.frameOffset(i), frame);
            assertThat(frame).isEqualTo(frames[i]);
        }
    }

    /** Seeds the tests generate: real encoder packets, repacked into every code, then mutated. */
    @Test
    void generatedSeedsAndTheirMutations() {
        List<byte[]> valid = validPackets();
        Random random = new Random(6716);
        int checked = 0;
        for (byte[] packet : valid) {
            parseAgreesWithLibopus(packet);
            assertThat(toc.parse(Unpooled.wrappedBuffer(packet), 0, packet.length)).isEqualTo(OpusDropReason.NONE);
            for (int length = 0; length < packet.length; length++) {
                parseAgreesWithLibopus(Arrays.copyOf(packet, length));
            }
            for (int flip = 0; flip < 64; flip++) {
                byte[] mutated = packet.clone();
                int bit = random.nextInt(Math.min(mutated.length, 8) * 8);
                mutated[bit / 8] ^= (byte) (1 << bit % 8);
                parseAgreesWithLibopus(mutated);
            }
            for (int at = 1; at < Math.min(packet.length, 6); at++) {
                for (int value : new int[] {0, 0x3F, 0x40, 0x80, 0xBF, 0xFF, 251, 252}) {
                    byte[] mutated = packet.clone();
                    mutated[at] = (byte) value;
                    parseAgreesWithLibopus(mutated);
                }
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(40);
    }

    private static List<byte[]> validPackets() {
        List<byte[]> packets = new ArrayList<>();
        for (OpusEncoderConfig config : List.of(OpusEncoderConfig.voice(1), OpusEncoderConfig.voice(2),
                OpusEncoderConfig.voice(1).withFrameMillis(10).withApplication(OpusApplication.AUDIO),
                OpusEncoderConfig.voice(2).withFrameMillis(60).withBitrate(64_000),
                OpusEncoderConfig.voice(1).withFrameMillis(40).withInbandFec(true, 10).withDtx(true))) {
            short[] pcm = Pcm.tone(440, 6000, 3 * config.frameSamples(), config.channels());
            List<byte[]> encoded = OpusStreams.encode(config, pcm);
            packets.addAll(encoded);
            byte[] a = Arrays.copyOfRange(encoded.get(1), 1, encoded.get(1).length);
            byte[] b = Arrays.copyOfRange(encoded.get(2), 1, encoded.get(2).length);
            int tocHigh = encoded.get(1)[0];
            packets.add(OpusPacketWriter.write(tocHigh, 1, false, 0, a, a));
            packets.add(OpusPacketWriter.write(tocHigh, 2, false, 0, a, b));
            packets.add(OpusPacketWriter.write(tocHigh, 3, true, 0, a, b));
            packets.add(OpusPacketWriter.write(tocHigh, 3, true, 300, b, a));
            packets.add(OpusPacketWriter.write(tocHigh, 3, false, 7, a, a));
        }
        packets.add(OpusPacketWriter.write(16 << 3, 3, false, 0, new byte[48][0]));
        packets.add(OpusPacketWriter.write(31 << 3 | 4, 3, true, 0, new byte[300], new byte[1275], new byte[3]));
        packets.add(OpusPacketWriter.write(9 << 3, 0, false, 0, new byte[0]));
        return packets;
    }
}
