package io.hivemind.relay.sfu.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ForwardingDelayHistogramTest {

    static Stream<Arguments> delays() {
        return Stream.of(
                Arguments.of("zero lands in the first bucket", 0L, 0),
                Arguments.of("negative (clock step) counts as zero", -5_000L, 0),
                Arguments.of("exactly on a bound is inside it (le)", 50_000L, 0),
                Arguments.of("just above a bound goes up", 51_000L, 1),
                Arguments.of("1 ms", 1_000_000L, 4),
                Arguments.of("100 ms is the last finite bucket", 100_000_000L, 10),
                Arguments.of("beyond every bound is +Inf", 3_000_000_000L, 11));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("delays")
    void bucketsByUpperBound(String name, long nanos, int bucket) {
        ForwardingDelayHistogram histogram = new ForwardingDelayHistogram();
        histogram.record(nanos, 1);
        long[] counts = new long[ForwardingDelayHistogram.buckets()];
        long sum = histogram.addTo(counts);
        long[] expected = new long[ForwardingDelayHistogram.buckets()];
        expected[bucket] = 1;
        assertThat(counts).containsExactly(expected);
        assertThat(sum).isEqualTo(Math.max(0, nanos / 1_000));
    }

    @Test
    void upperBoundsAreSecondsEndingInInfinity() {
        double[] bounds = ForwardingDelayHistogram.upperBoundsSeconds();
        assertThat(bounds).hasSize(ForwardingDelayHistogram.buckets());
        assertThat(bounds[0]).isEqualTo(50e-6);
        assertThat(bounds[4]).isEqualTo(1e-3);
        assertThat(bounds[10]).isEqualTo(0.1);
        assertThat(bounds[11]).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void histogramsOfSeveralLoopsSum() {
        ForwardingDelayHistogram first = new ForwardingDelayHistogram();
        ForwardingDelayHistogram second = new ForwardingDelayHistogram();
        first.record(200_000, 1);
        second.record(200_000, 1);
        second.record(20_000_000, 1);
        long[] counts = new long[ForwardingDelayHistogram.buckets()];
        long sum = first.addTo(counts) + second.addTo(counts);
        assertThat(counts[2]).isEqualTo(2);
        assertThat(counts[8]).isEqualTo(1);
        assertThat(sum).isEqualTo(20_400);
    }
}
