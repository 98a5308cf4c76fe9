package io.hivemind.relay.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SummariesTest {

    @Test
    void latencyPercentilesOfAUniformSpread() {
        Histogram micros = ReceiveStats.newHistogram();
        for (int v = 1; v <= 1000; v++) {
            micros.recordValue(v);
        }
        LatencySummary summary = LatencySummary.of(micros);
        // Values below 2048 are exact at three significant digits.
        assertThat(summary).isEqualTo(new LatencySummary(1000, 500, 900, 990, 999, 1000));
    }

    @Test
    void anEmptyHistogramSummarisesToZeros() {
        assertThat(LatencySummary.of(ReceiveStats.newHistogram())).isEqualTo(new LatencySummary(0, 0, 0, 0, 0, 0));
    }

    static Stream<Arguments> nearestRank() {
        return Stream.of(
                Arguments.of("one value", List.of(3.0), 3.0, 3.0, 3.0),
                Arguments.of("two values", List.of(2.0, 1.0), 1.0, 2.0, 2.0),
                Arguments.of("hundred values", Stream.iterate(1.0, v -> v + 1).limit(100).toList(), 50.0, 99.0,
                        100.0),
                Arguments.of("one outlier in 200", Stream.concat(Stream.generate(() -> 0.5).limit(199),
                        Stream.of(9.0)).toList(), 0.5, 0.5, 9.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void nearestRank(String name, List<Double> values, double p50, double p99, double max) {
        JitterSummary summary = JitterSummary.of(values);
        assertThat(summary).isEqualTo(new JitterSummary(values.size(), p50, p99, max));
    }

    @Test
    void noStreamsSummariseToZeros() {
        assertThat(JitterSummary.of(List.of())).isEqualTo(new JitterSummary(0, 0, 0, 0));
    }

    @Test
    void roomShapesCountTheirForwardedStreams() {
        assertThat(new RoomShape(10, 90, true).forwardedStreams()).isEqualTo(10 * 90 + 10 * 9);
        assertThat(new RoomShape(4, 0, true).forwardedStreams()).isEqualTo(12);
        assertThat(new RoomShape(3, 5, false).forwardedStreams()).isEqualTo(15);
    }
}
