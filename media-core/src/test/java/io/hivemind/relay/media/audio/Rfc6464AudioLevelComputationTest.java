package io.hivemind.relay.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 6464 §3 audio level ({@code -dBov}, 0..127) of typical frames. The 0 dBov reference is the full-scale square
 * wave; cases marked "libwebrtc" repeat the expectations of libwebrtc's {@code rms_level_unittest.cc}, an independent
 * implementation of the same computation (RFC 6465 Appendix A).
 */
class Rfc6464AudioLevelComputationTest {

    /** 20 ms at 48 kHz, the room's frame. */
    private static final int FRAME = 960;

    static Stream<Arguments> frames() {
        return Stream.of(
                Arguments.of(Named.of("full-scale square +-32767 is 0 dBov", square(32_767, FRAME)), 0),
                Arguments.of(Named.of("full-scale square -32768/+32767 is 0 dBov", squareMinMax(FRAME)), 0),
                Arguments.of(Named.of("full-scale 1 kHz sine is -3 dBov (libwebrtc)", sine(1000, 32_767, FRAME)), 3),
                Arguments.of(Named.of("1 s full-scale 1 kHz sine is -3 dBov (libwebrtc)", sine(1000, 32_767, 48_000)),
                        3),
                Arguments.of(Named.of("half-scale 1 kHz sine is -9 dBov (libwebrtc)", sine(1000, 16_383, 48_000)), 9),
                Arguments.of(Named.of("tone with RMS at 1/10 full scale is -20 dBov",
                        sine(1000, 32_768 * Math.sqrt(2) / 10, FRAME)), 20),
                Arguments.of(Named.of("440 Hz tone at -40 dBov", sine(440, 32_768 * Math.sqrt(2) / 100, FRAME)), 40),
                Arguments.of(Named.of("square at -0.4 dBov rounds to 0", square(dbov(-0.4), FRAME)), 0),
                Arguments.of(Named.of("square at -0.6 dBov rounds to 1", square(dbov(-0.6), FRAME)), 1),
                Arguments.of(Named.of("half-scale square is -6 dBov", square(16_384, FRAME)), 6),
                Arguments.of(Named.of("square at -64.4 dBov rounds to 64", square(dbov(-64.4), FRAME)), 64),
                Arguments.of(Named.of("+-1 LSB square is -90 dBov", square(1, FRAME)), 90),
                Arguments.of(Named.of("one LSB in a 20 ms frame is -120 dBov", impulse(FRAME)), 120),
                Arguments.of(Named.of("one LSB in 1 s is below -127 dBov but not silence (libwebrtc)",
                        impulse(48_000)), 126),
                Arguments.of(Named.of("digital silence is 127 (libwebrtc)", new short[FRAME]), 127),
                Arguments.of(Named.of("an empty frame is silence (libwebrtc)", new short[0]), 127));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void levelOfFrame(short[] frame, int expected) {
        assertThat(AudioLevel.of(frame, 0, frame.length)).isEqualTo(expected);
    }

    @Test
    void measuresOnlyTheGivenRange() {
        short[] buffer = new short[3 * FRAME];
        short[] tone = sine(1000, 32_768 * Math.sqrt(2) / 10, FRAME);
        System.arraycopy(tone, 0, buffer, FRAME, FRAME);
        Arrays.fill(buffer, 0, FRAME, Short.MAX_VALUE);
        assertThat(AudioLevel.of(buffer, FRAME, FRAME)).isEqualTo(20);
        assertThat(AudioLevel.of(buffer, 2 * FRAME, FRAME)).isEqualTo(AudioLevel.DIGITAL_SILENCE);
    }

    @Test
    void rejectsRangesOutsideTheArray() {
        short[] frame = new short[FRAME];
        assertThatThrownBy(() -> AudioLevel.of(frame, 1, FRAME)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> AudioLevel.of(frame, -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> AudioLevel.of(frame, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** The square-wave amplitude of a level in dBov. */
    private static int dbov(double level) {
        return (int) Math.round(32_768 * Math.pow(10, level / 20));
    }

    private static short[] square(int amplitude, int length) {
        short[] x = new short[length];
        for (int n = 0; n < length; n++) {
            x[n] = (short) (n % 2 == 0 ? amplitude : -amplitude);
        }
        return x;
    }

    private static short[] squareMinMax(int length) {
        short[] x = new short[length];
        for (int n = 0; n < length; n++) {
            x[n] = n % 48 < 24 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        return x;
    }

    /** A sine truncated toward zero like libwebrtc's test signal ({@code saturated_cast} of the product). */
    private static short[] sine(double frequency, double amplitude, int length) {
        short[] x = new short[length];
        for (int n = 0; n < length; n++) {
            x[n] = (short) (amplitude * Math.sin(2 * Math.PI * frequency * n / 48_000));
        }
        return x;
    }

    private static short[] impulse(int length) {
        short[] x = new short[length];
        x[length / 2] = 1;
        return x;
    }
}
