package io.hivemind.relay.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlidingMinimumTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void tracksTheMinimumOfTheWindow() {
        SlidingMinimum minimum = new SlidingMinimum(5 * SECOND, 10);
        assertThat(minimum.isEmpty()).isTrue();
        assertThat(minimum.minimum()).isEqualTo(Long.MAX_VALUE);
        minimum.add(0, 40);
        minimum.add(SECOND, 10);
        minimum.add(2 * SECOND, 30);
        assertThat(minimum.minimum()).isEqualTo(10);
        minimum.add(6 * SECOND, 50);
        assertThat(minimum.minimum()).as("the 1 s sample is still inside 5 s").isEqualTo(10);
        minimum.add(6_600_000_000L, 60);
        assertThat(minimum.minimum()).as("samples older than 5 s have aged out").isEqualTo(30);
        minimum.add(8 * SECOND, 70);
        assertThat(minimum.minimum()).isEqualTo(50);
    }

    @Test
    void followsADriftingValueAndKeepsItThroughSilence() {
        SlidingMinimum minimum = new SlidingMinimum(5 * SECOND, 10);
        long value = 0;
        for (long t = 0; t <= 60 * SECOND; t += 20_000_000) {
            value = t / 5_000; // rises 200 us per second, like a 200 ppm slower sender
            minimum.add(t, value);
        }
        assertThat(value - minimum.minimum()).isBetween(900_000L, 1_000_000L);
        minimum.add(600 * SECOND, 5);
        assertThat(minimum.minimum()).isEqualTo(5);
        minimum.reset();
        assertThat(minimum.isEmpty()).isTrue();
    }
}
