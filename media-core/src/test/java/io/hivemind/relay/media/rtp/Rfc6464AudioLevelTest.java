package io.hivemind.relay.media.rtp;

import static io.hivemind.relay.media.rtp.RtpFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 6464 §3: one byte, V in the top bit, then the level 0..127 in -dBov. */
class Rfc6464AudioLevelTest {
    private static final String HEADER = "906f12340000000000000001";

    private final RtpPacket packet = new RtpPacket();
    private final HeaderExtensions extensions = new HeaderExtensions();

    static Stream<Arguments> encodings() {
        return Stream.of(
                arguments("0 dBov, voice", true, 0, 0x80),
                arguments("0 dBov, no voice", false, 0, 0x00),
                arguments("-1 dBov, no voice", false, 1, 0x01),
                arguments("-40 dBov, voice", true, 40, 0xA8),
                arguments("-63 dBov, voice", true, 63, 0xBF),
                arguments("-64 dBov, no voice", false, 64, 0x40),
                arguments("-127 dBov (silence), no voice", false, 127, 0x7F),
                arguments("-127 dBov, voice", true, 127, 0xFF));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void encodesAndDecodesTheByte(String name, boolean voice, int level, int encoded) {
        assertThat(AudioLevelExtension.encode(voice, level)).isEqualTo(encoded);
        assertThat(AudioLevelExtension.voiceActivity(encoded)).isEqualTo(voice);
        assertThat(AudioLevelExtension.level(encoded)).isEqualTo(level);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void readsFigure1OneByteForm(String name, boolean voice, int level, int encoded) {
        // Figure 1: | ID | len=0 |V| level |, here ID 1 followed by block padding.
        assertThat(readFrom("bede0001" + String.format("10%02x0000", encoded), 1)).isEqualTo(encoded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void readsFigure2TwoByteForm(String name, boolean voice, int level, int encoded) {
        // Figure 2: | ID | len=1 |V| level | 0 (pad) |, here ID 7.
        assertThat(readFrom("10000001" + String.format("0701%02x00", encoded), 7)).isEqualTo(encoded);
    }

    static Stream<Arguments> absent() {
        return Stream.of(
                arguments("other ID", "bede0001" + "20a80000"),
                arguments("two bytes of data", "bede0001" + "11a80000"),
                arguments("empty two-byte value", "10000001" + "01000000"),
                arguments("after a one-byte ID 15", "bede0001" + "f010a800"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("absent")
    void reportsAbsentOrMisshapenElements(String name, String block) {
        assertThat(readFrom(block, 1)).isEqualTo(-1);
    }

    @Test
    void rewritesTheLevelInPlace() {
        ByteBuf buf = hex(RtpFixtures.CHROMIUM_OPUS);
        try {
            assertThat(packet.wrap(buf)).isTrue();
            extensions.wrap(packet);
            assertThat(AudioLevelExtension.write(extensions, 1, false, 127)).isTrue();
            assertThat(AudioLevelExtension.write(extensions, 3, false, 127)).as("two-byte value").isFalse();
            assertThat(ByteBufUtil.hexDump(buf)).isEqualTo(RtpFixtures.CHROMIUM_OPUS.replace("10a8", "107f"));
            assertThat(AudioLevelExtension.read(extensions, 1)).isEqualTo(0x7F);
        } finally {
            buf.release();
        }
    }

    @Test
    void refusesLevelsOutsideTheSevenBits() {
        assertThatThrownBy(() -> AudioLevelExtension.encode(true, 128)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AudioLevelExtension.encode(false, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private int readFrom(String block, int id) {
        ByteBuf buf = hex(HEADER + block + "aa");
        try {
            assertThat(packet.wrap(buf)).isTrue();
            extensions.wrap(packet);
            return AudioLevelExtension.read(extensions, id);
        } finally {
            buf.release();
        }
    }
}
