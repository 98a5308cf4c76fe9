package io.hivemind.relay.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KaiserLowPassTest {

    /** I0 reference values from Abramowitz &amp; Stegun, Table 9.8 (and I0(0) = 1 by definition). */
    static Stream<Arguments> besselValues() {
        return Stream.of(
                Arguments.of(Named.of("I0(0)", 0.0), 1.0),
                Arguments.of(Named.of("I0(1)", 1.0), 1.266065878),
                Arguments.of(Named.of("I0(2)", 2.0), 2.279585302),
                Arguments.of(Named.of("I0(5)", 5.0), 27.23987182));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("besselValues")
    void besselI0MatchesTables(double x, double expected) {
        assertThat(KaiserLowPass.besselI0(x)).isCloseTo(expected, within(expected * 1e-9));
    }

    @Test
    void betaAndLengthFollowKaisersFormulas() {
        assertThat(KaiserLowPass.beta(80)).isCloseTo(0.1102 * 71.3, within(1e-12));
        assertThat(KaiserLowPass.beta(30)).isCloseTo(0.5842 * Math.pow(9, 0.4) + 0.07886 * 9, within(1e-12));
        assertThat(KaiserLowPass.beta(20)).isZero();
        // 80 dB over a transition of 0.025 cycles/sample (48 -> 24 kHz): order (80 - 7.95) / (2.285 * 2 pi * 0.025).
        assertThat(KaiserLowPass.minimumLength(80, 0.025)).isEqualTo(202);
    }

    @Test
    void designIsSymmetricWithUnitDcGain() {
        double[] taps = KaiserLowPass.design(101, 0.2, KaiserLowPass.beta(80));
        double sum = 0;
        for (int n = 0; n < taps.length; n++) {
            assertThat(taps[n]).isCloseTo(taps[taps.length - 1 - n], within(1e-15));
            sum += taps[n];
        }
        assertThat(sum).isCloseTo(1, within(1e-12));
        assertThat(taps[50]).isGreaterThan(taps[49]).isGreaterThan(taps[48]);
    }

    @Test
    void rejectsImpossibleDesigns() {
        assertThatThrownBy(() -> KaiserLowPass.design(0, 0.2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KaiserLowPass.design(11, 0.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KaiserLowPass.design(11, 0.2, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
