package io.hivemind.relay.media.opus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpusEncoderSessionTest {

    private static final int FRAME = 960;

    /** Faint room noise (about -64 dBFS): not digital silence, so only DTX makes packets tiny. */
    private static short[] backgroundNoise() {
        Random random = new Random(7);
        short[] pcm = new short[Pcm.RATE];
        for (int n = 0; n < pcm.length; n++) {
            pcm[n] = (short) Math.round(random.nextGaussian() * 20);
        }
        return pcm;
    }

    @Test
    void dtxShrinksPacketsToAtMostThreeBytesOnceSilenceSettles() {
        List<byte[]> withDtx = OpusStreams.encode(OpusEncoderConfig.voice(1).withDtx(true), backgroundNoise());
        List<byte[]> withoutDtx = OpusStreams.encode(OpusEncoderConfig.voice(1), backgroundNoise());

        List<byte[]> settled = withDtx.subList(15, withDtx.size());
        long tiny = settled.stream().filter(packet -> packet.length <= 3).count();
        assertThat(tiny).as("DTX packets after 300 ms").isGreaterThanOrEqualTo(settled.size() * 8 / 10);
        assertThat(withoutDtx.subList(15, withoutDtx.size())).allSatisfy(packet ->
            assertThat(packet.length).isGreaterThan(3));
    }

    @Test
    void digitalSilenceEndsInTinyPacketsWithDtx() {
        List<byte[]> packets = OpusStreams.encode(OpusEncoderConfig.voice(1).withDtx(true), new short[Pcm.RATE]);

        // Newer libopus (1.3+) still sends a comfort-noise refresh packet now and then during DTX.
        List<byte[]> settled = packets.subList(10, packets.size());
        long tiny = settled.stream().filter(packet -> packet.length <= 3).count();
        assertThat(tiny).as("tiny packets after 200 ms of silence").isGreaterThanOrEqualTo(settled.size() * 8 / 10);
    }

    @ParameterizedTest(name = "{0} bit/s")
    @ValueSource(ints = {8_000, 12_000, 16_000, 24_000, 32_000, 48_000, 64_000, 96_000, 128_000})
    void averagePacketSizeTracksTheBitrate(int bitrate) {
        List<byte[]> packets = OpusStreams.encode(OpusEncoderConfig.voice(1).withBitrate(bitrate),
            Pcm.speechLike(2 * Pcm.RATE));

        double average = packets.stream().mapToInt(packet -> packet.length).average().orElseThrow();
        double expected = bitrate / 8.0 * 0.020;
        assertThat(average).isBetween(expected * 0.9, expected * 1.1);
    }

    @Test
    void bitrateAndLossCanChangeMidStream() {
        try (OpusEncoderSession encoder = new OpusEncoderSession(OpusEncoderConfig.voice(1))) {
            assertThat(encoder.bitrate()).isEqualTo(32_000);
            encoder.setBitrate(20_000);
            encoder.setPacketLossPercent(15);
            assertThat(encoder.bitrate()).isEqualTo(20_000);
            assertThatThrownBy(() -> encoder.setBitrate(5_999)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> encoder.setPacketLossPercent(101)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    static Stream<Arguments> invalidConfigs() {
        OpusEncoderConfig ok = OpusEncoderConfig.voice(1);
        return Stream.of(
            arguments("2.5 ms frames", (Supplier<?>) () -> ok.withFrameMillis(2), "2.5 and 5 ms"),
            arguments("5 ms frames", (Supplier<?>) () -> ok.withFrameMillis(5), "2.5 and 5 ms"),
            arguments("80 ms frames", (Supplier<?>) () -> ok.withFrameMillis(80), "10, 20, 40 or 60 ms"),
            arguments("three channels", (Supplier<?>) () -> OpusEncoderConfig.voice(3), "channels"),
            arguments("complexity 11", (Supplier<?>) () -> ok.withComplexity(11), "complexity"),
            arguments("bitrate 5999", (Supplier<?>) () -> ok.withBitrate(5_999), "bitrate"),
            arguments("bitrate 510001", (Supplier<?>) () -> ok.withBitrate(510_001), "bitrate"),
            arguments("loss -1 %", (Supplier<?>) () -> ok.withInbandFec(true, -1), "packet loss"),
            arguments("no application", (Supplier<?>) () -> ok.withApplication(null), "application"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigs")
    void rejectsInvalidSettingsWithAClearMessage(String name, Supplier<?> config, String message) {
        assertThatThrownBy(config::get).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void byteBufAndArrayOutputsCarryTheSamePacket() {
        short[] pcm = Pcm.speechLike(FRAME);
        byte[] array = new byte[1500];
        ByteBuf buf = Unpooled.buffer(1500);
        try (OpusEncoderSession a = new OpusEncoderSession(OpusEncoderConfig.voice(1));
             OpusEncoderSession b = new OpusEncoderSession(OpusEncoderConfig.voice(1))) {
            buf.writeByte(0x7F);
            int arrayLength = a.encode(pcm, 0, array, 0);
            int bufLength = b.encode(pcm, 0, buf);

            assertThat(bufLength).isEqualTo(arrayLength).isGreaterThan(0);
            assertThat(buf.writerIndex()).isEqualTo(1 + bufLength);
            byte[] written = new byte[bufLength];
            buf.getBytes(1, written);
            assertThat(written).isEqualTo(Arrays.copyOf(array, arrayLength));
        } finally {
            buf.release();
        }
    }

    @Test
    void libopusErrorsSurfaceWithTheirNames() {
        try (OpusEncoderSession encoder = new OpusEncoderSession(OpusEncoderConfig.voice(1))) {
            assertThatThrownBy(() -> encoder.encode(Pcm.speechLike(FRAME), 0, new byte[0], 0))
                .isInstanceOf(OpusException.class)
                .hasMessageContaining("OPUS_BAD_ARG")
                .extracting(e -> ((OpusException) e).error()).isEqualTo(OpusError.BAD_ARG);
        }
    }

    @Test
    void rejectsAPcmRangeShorterThanAFrame() {
        try (OpusEncoderSession encoder = new OpusEncoderSession(OpusEncoderConfig.voice(2))) {
            assertThat(encoder.frameSamples()).isEqualTo(FRAME);
            assertThatThrownBy(() -> encoder.encode(new short[2 * FRAME], 1, new byte[1500], 0))
                .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> encoder.encode(new short[2 * FRAME - 1], 0, new byte[1500], 0))
                .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseThrows() {
        OpusEncoderSession encoder = new OpusEncoderSession(OpusEncoderConfig.voice(1));
        encoder.close();
        encoder.close();

        assertThat(encoder.isClosed()).isTrue();
        assertThatThrownBy(() -> encoder.encode(new short[FRAME], 0, new byte[1500], 0))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> encoder.setBitrate(16_000)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(encoder::bitrate).isInstanceOf(IllegalStateException.class);
    }
}
