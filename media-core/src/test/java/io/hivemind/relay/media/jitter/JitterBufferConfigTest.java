package io.hivemind.relay.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JitterBufferConfigTest {

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad("clock rate below 1 kHz", () -> new JitterBufferConfig(800, 16, 64, 1500, 20, 400, 80, 0.95, 100)),
                bad("frame longer than a second",
                        () -> new JitterBufferConfig(48_000, 48_001, 64, 1500, 20, 400, 80, 0.95, 100)),
                bad("capacity not a power of two",
                        () -> new JitterBufferConfig(48_000, 960, 100, 1500, 20, 400, 80, 0.95, 100)),
                bad("capacity too small", () -> new JitterBufferConfig(48_000, 960, 2, 1500, 20, 400, 80, 0.95, 100)),
                bad("no payload room", () -> new JitterBufferConfig(48_000, 960, 64, 0, 20, 400, 80, 0.95, 100)),
                bad("max below min", () -> new JitterBufferConfig(48_000, 960, 64, 1500, 200, 100, 150, 0.95, 100)),
                bad("start outside bounds",
                        () -> new JitterBufferConfig(48_000, 960, 64, 1500, 20, 400, 10, 0.95, 100)),
                bad("quantile of one", () -> new JitterBufferConfig(48_000, 960, 64, 1500, 20, 400, 80, 1.0, 100)),
                bad("quantile NaN",
                        () -> new JitterBufferConfig(48_000, 960, 64, 1500, 20, 400, 80, Double.NaN, 100)),
                bad("negative conceal", () -> new JitterBufferConfig(48_000, 960, 64, 1500, 20, 400, 80, 0.95, -1)));
    }

    private static Arguments bad(String name, Supplier<JitterBufferConfig> config) {
        return Arguments.of(Named.of(name, config));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesInconsistentSettings(Supplier<JitterBufferConfig> config) {
        assertThatThrownBy(config::get).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void convertsBetweenSamplesAndNanos() {
        JitterBufferConfig opus = JitterBufferConfig.opus();
        assertThat(opus.frameNanos()).isEqualTo(20_000_000L);
        assertThat(opus.samplesToNanos(48_000L * 3600 * 24 * 365)).isEqualTo(365L * 24 * 3600 * 1_000_000_000L);
        assertThat(opus.samplesToNanos(-960)).isEqualTo(-20_000_000L);
        assertThat(opus.nanosToSamples(1_020_000_000L)).isEqualTo(48_960);
    }
}
