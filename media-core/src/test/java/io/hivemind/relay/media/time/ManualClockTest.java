package io.hivemind.relay.media.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    void movesOnlyWhenAdvanced() {
        ManualClock clock = new ManualClock(5);
        assertThat(clock.nanoTime()).isEqualTo(5);
        clock.advanceMillis(20).advance(3, TimeUnit.MICROSECONDS);
        assertThat(clock.nanoTime()).isEqualTo(5 + 20_000_000 + 3_000);
    }

    @Test
    void refusesToGoBack() {
        ManualClock clock = new ManualClock();
        assertThatThrownBy(() -> clock.advance(-1, TimeUnit.NANOSECONDS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.nanoTime()).isZero();
    }

    @Test
    void systemClockIsMonotonic() {
        long a = NanoClock.SYSTEM.nanoTime();
        long b = NanoClock.SYSTEM.nanoTime();
        assertThat(b).isGreaterThanOrEqualTo(a);
    }
}
