package io.hivemind.relay.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DelayHistogramTest {

    @Test
    void seedStandsUntilOutvoted() {
        DelayHistogram histogram = new DelayHistogram(81, 5, 0.9993, 80);
        assertThat(histogram.quantileMs(0.95)).isEqualTo(80);
        for (int i = 0; i < 18; i++) {
            histogram.add(0);
        }
        assertThat(histogram.quantileMs(0.95)).as("seed still above 5 %").isEqualTo(80);
        for (int i = 0; i < 2; i++) {
            histogram.add(0);
        }
        assertThat(histogram.quantileMs(0.95)).isEqualTo(5);
    }

    @Test
    void quantileOfUniformDelays() {
        DelayHistogram histogram = new DelayHistogram(81, 5, 0.9993, 80);
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            histogram.add(40 * random.nextDouble());
        }
        assertThat(histogram.quantileMs(0.95)).isEqualTo(40);
        assertThat(histogram.quantileMs(0.45)).isEqualTo(20);
        assertThat(histogram.quantileMs(0.55)).isEqualTo(25);
    }

    @Test
    void forgetsOldDelays() {
        DelayHistogram histogram = new DelayHistogram(81, 5, 0.98, 80);
        for (int i = 0; i < 500; i++) {
            histogram.add(150);
        }
        assertThat(histogram.quantileMs(0.95)).isEqualTo(155);
        int packets = 0;
        while (histogram.quantileMs(0.95) > 5) {
            histogram.add(1);
            packets++;
        }
        // 0.98^n < 0.05 after 149 packets: about three seconds of 20 ms packets.
        assertThat(packets).isEqualTo(149);
    }

    @Test
    void clampsOutOfRangeDelays() {
        DelayHistogram histogram = new DelayHistogram(10, 5, 0.5, 0);
        histogram.add(10_000);
        histogram.add(10_000);
        histogram.add(10_000);
        assertThat(histogram.quantileMs(0.8)).isEqualTo(50);
        histogram.add(-3);
        histogram.add(Double.NaN);
        assertThat(histogram.quantileMs(0.7)).isEqualTo(5);
    }
}
