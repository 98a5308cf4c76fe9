package io.hivemind.relay.media.opus;

import static io.hivemind.relay.media.opus.OpusBandwidth.FULLBAND;
import static io.hivemind.relay.media.opus.OpusBandwidth.MEDIUMBAND;
import static io.hivemind.relay.media.opus.OpusBandwidth.NARROWBAND;
import static io.hivemind.relay.media.opus.OpusBandwidth.SUPERWIDEBAND;
import static io.hivemind.relay.media.opus.OpusBandwidth.WIDEBAND;
import static io.hivemind.relay.media.opus.OpusMode.CELT;
import static io.hivemind.relay.media.opus.OpusMode.HYBRID;
import static io.hivemind.relay.media.opus.OpusMode.SILK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 6716 §3.1 Table 2 (TOC configurations) and the §3.2 frame packings, typed in from the RFC. */
class Rfc6716TocTest {

    private final OpusToc toc = new OpusToc();

    /** config, mode, bandwidth, frame duration in tenths of a millisecond (Table 2). */
    static Stream<Arguments> table2() {
        return Stream.of(
            arguments(0, SILK, NARROWBAND, 100), arguments(1, SILK, NARROWBAND, 200),
            arguments(2, SILK, NARROWBAND, 400), arguments(3, SILK, NARROWBAND, 600),
            arguments(4, SILK, MEDIUMBAND, 100), arguments(5, SILK, MEDIUMBAND, 200),
            arguments(6, SILK, MEDIUMBAND, 400), arguments(7, SILK, MEDIUMBAND, 600),
            arguments(8, SILK, WIDEBAND, 100), arguments(9, SILK, WIDEBAND, 200),
            arguments(10, SILK, WIDEBAND, 400), arguments(11, SILK, WIDEBAND, 600),
            arguments(12, HYBRID, SUPERWIDEBAND, 100), arguments(13, HYBRID, SUPERWIDEBAND, 200),
            arguments(14, HYBRID, FULLBAND, 100), arguments(15, HYBRID, FULLBAND, 200),
            arguments(16, CELT, NARROWBAND, 25), arguments(17, CELT, NARROWBAND, 50),
            arguments(18, CELT, NARROWBAND, 100), arguments(19, CELT, NARROWBAND, 200),
            arguments(20, CELT, WIDEBAND, 25), arguments(21, CELT, WIDEBAND, 50),
            arguments(22, CELT, WIDEBAND, 100), arguments(23, CELT, WIDEBAND, 200),
            arguments(24, CELT, SUPERWIDEBAND, 25), arguments(25, CELT, SUPERWIDEBAND, 50),
            arguments(26, CELT, SUPERWIDEBAND, 100), arguments(27, CELT, SUPERWIDEBAND, 200),
            arguments(28, CELT, FULLBAND, 25), arguments(29, CELT, FULLBAND, 50),
            arguments(30, CELT, FULLBAND, 100), arguments(31, CELT, FULLBAND, 200));
    }

    @ParameterizedTest(name = "config {0}: {1} {2} {3}/10 ms")
    @MethodSource("table2")
    void everyConfigurationOfTable2(int config, OpusMode mode, OpusBandwidth bandwidth, int tenthsOfMs) {
        for (int stereo = 0; stereo <= 1; stereo++) {
            OpusDropReason reason = parse(config << 3 | stereo << 2, 0x5A, 0x5A, 0x5A);

            assertThat(reason).isEqualTo(OpusDropReason.NONE);
            assertThat(toc.config()).isEqualTo(config);
            assertThat(toc.mode()).isEqualTo(mode);
            assertThat(toc.bandwidth()).isEqualTo(bandwidth);
            assertThat(toc.frameSamples()).isEqualTo(48 * tenthsOfMs / 10);
            assertThat(toc.stereo()).isEqualTo(stereo == 1);
            assertThat(toc.frameCountCode()).isZero();
            assertThat(toc.frameCount()).isOne();
            assertThat(toc.durationSamples()).isEqualTo(toc.frameSamples());
        }
    }

    /** Well-formed packets of every code; config 1 (SILK NB 20 ms) unless said otherwise. */
    static Stream<Arguments> packings() {
        return Stream.of(
            arguments("code 0, one 3-byte frame", new int[] {0x08, 1, 2, 3}, 1, new int[] {3}, 0),
            arguments("code 0, empty frame (DTX)", new int[] {0x08}, 1, new int[] {0}, 0),
            arguments("code 1, two 2-byte frames", new int[] {0x09, 1, 2, 3, 4}, 2, new int[] {2, 2}, 0),
            arguments("code 1, two empty frames", new int[] {0x09}, 2, new int[] {0, 0}, 0),
            arguments("code 2, 1-byte length 2 then 1", new int[] {0x0A, 2, 9, 9, 7}, 2, new int[] {2, 1}, 0),
            arguments("code 2, empty first frame", new int[] {0x0A, 0, 7, 7}, 2, new int[] {0, 2}, 0),
            arguments("code 2, 2-byte length 252 + 4*0", twoByteLength(), 2, new int[] {252, 0}, 0),
            arguments("code 3 CBR, 3 frames of 2", new int[] {0x0B, 0x03, 1, 1, 2, 2, 3, 3}, 3,
                new int[] {2, 2, 2}, 0),
            arguments("code 3 CBR padded by 2", new int[] {0x0B, 0x42, 2, 1, 1, 2, 2, 0, 0}, 2,
                new int[] {2, 2}, 2),
            arguments("code 3 VBR, 1 + 2 + rest 3", new int[] {0x0B, 0x83, 1, 2, 7, 8, 8, 9, 9, 9}, 3,
                new int[] {1, 2, 3}, 0),
            arguments("code 3 VBR padded by 254+1", padded255(), 2, new int[] {1, 1}, 255),
            arguments("code 3, 48 frames of CELT 2.5 ms (120 ms)", celtFortyEight(), 48, new int[48], 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packings")
    void framePackingsOfSection32(String name, int[] packet, int frames, int[] lengths, int padding) {
        assertThat(parse(packet)).isEqualTo(OpusDropReason.NONE);
        assertThat(toc.frameCount()).isEqualTo(frames);
        assertThat(toc.paddingLength()).isEqualTo(padding);
        assertThat(toc.durationSamples()).isEqualTo(frames * toc.frameSamples()).isLessThanOrEqualTo(5760);
        int end = toc.frameOffset(0);
        for (int i = 0; i < frames; i++) {
            assertThat(toc.frameLength(i)).as("frame %d", i).isEqualTo(lengths[i]);
            assertThat(toc.frameOffset(i)).as("frames are contiguous").isEqualTo(end);
            end += lengths[i];
        }
        assertThat(end + padding).as("frames and padding end the packet").isEqualTo(packet.length);
    }

    private static int[] twoByteLength() {
        int[] packet = new int[3 + 252];
        packet[0] = 0x0A;
        packet[1] = 252;
        packet[2] = 0;
        return packet;
    }

    private static int[] padded255() {
        int[] packet = new int[5 + 2 + 255];
        packet[0] = 0x0B;
        packet[1] = 0xC2;
        packet[2] = 255;
        packet[3] = 1;
        packet[4] = 1;
        return packet;
    }

    private static int[] celtFortyEight() {
        return new int[] {16 << 3 | 3, 48};
    }

    private OpusDropReason parse(int... bytes) {
        byte[] packet = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            packet[i] = (byte) bytes[i];
        }
        return toc.parse(Unpooled.wrappedBuffer(packet), 0, packet.length);
    }
}
