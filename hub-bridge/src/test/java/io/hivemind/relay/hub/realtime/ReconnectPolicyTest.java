package io.hivemind.relay.hub.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReconnectPolicyTest {

    private static final ReconnectPolicy NO_JITTER = new ReconnectPolicy(Duration.ofMillis(500),
            Duration.ofSeconds(8), 8, 0);

    static Stream<Arguments> delays() {
        return Stream.of(Arguments.of(1, 500), Arguments.of(2, 1000), Arguments.of(3, 2000), Arguments.of(5, 8000),
                Arguments.of(6, 8000), Arguments.of(1000, 8000));
    }

    @ParameterizedTest(name = "attempt {0} waits {1} ms")
    @MethodSource("delays")
    void doublesUpToTheMaximum(int attempt, long millis) {
        assertThat(NO_JITTER.delay(attempt, new Random(1))).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void jitterOnlyShortensWithinItsFraction() {
        Random random = new Random(42);
        for (int attempt = 1; attempt <= 8; attempt++) {
            Duration full = NO_JITTER.delay(attempt, random);
            Duration jittered = ReconnectPolicy.DEFAULT.delay(attempt, random);
            assertThat(jittered).isLessThanOrEqualTo(full)
                    .isGreaterThanOrEqualTo(Duration.ofNanos((long) (full.toNanos() * 0.75)));
        }
    }
}
