package io.hivemind.relay.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deterministic network simulations (seeded traces, explicit nanoseconds): each case prints the delay / loss
 * trade-off the buffer reaches and asserts it, with bounds a broken buffer would miss.
 */
class JitterBufferTraceTest {
    private static final int ONE_MINUTE = 3000;

    static Stream<Arguments> traces() {
        return Stream.of(
                trace("a clean 20 ms stream", NetworkTrace.Spec.clean(1, ONE_MINUTE), o -> {
                    assertThat(o.stats().concealed()).isZero();
                    assertThat(o.stats().late()).isZero();
                    assertThat(o.targetAtMs(59)).isEqualTo(20);
                    assertThat(o.meanDelayMs(10)).isBetween(20.0, 45.0);
                    assertThat(o.maxDelayMs(10, 60)).isLessThan(45);
                }),
                trace("b 5 % random loss", NetworkTrace.Spec.clean(2, 2 * ONE_MINUTE).withLoss(0.05), o -> {
                    double lost = 100.0 * o.trace().lost() / o.trace().sent();
                    assertThat(lost).isBetween(4.0, 6.0);
                    assertThat(o.lossPercent()).isCloseTo(lost, within(0.1));
                    assertThat(o.stats().fecRecovered()).as("single losses recovered from the next packet's FEC")
                            .isGreaterThan((long) (0.85 * o.trace().lost()));
                    assertThat(o.stats().concealedPercent()).isLessThan(1.0);
                    assertThat(o.stats().late()).isZero();
                    assertThat(o.meanDelayMs(10)).isLessThan(50);
                }),
                trace("c bursts of 3-5 lost", NetworkTrace.Spec.clean(3, 2 * ONE_MINUTE).withBursts(0.01, 3, 5), o -> {
                    assertThat(o.trace().bursts()).isGreaterThan(30);
                    // Every lost frame is concealed or recovered, except a few the start-up accelerations skip.
                    assertThat(o.stats().concealed() + o.stats().fecRecovered())
                            .isBetween(o.trace().lost() - 2L * o.stats().accelerated(), (long) o.trace().lost());
                    assertThat(o.stats().fecRecovered()).as("the last frame of each burst comes from FEC")
                            .isBetween(o.trace().bursts() - 2L, (long) o.trace().bursts());
                    assertThat(o.stats().concealedPercent()).isBetween(1.5, 3.5);
                    assertThat(o.stats().late()).isZero();
                }),
                trace("d 0-40 ms jitter", NetworkTrace.Spec.clean(4, 2 * ONE_MINUTE).withJitter(40), o -> {
                    assertThat(o.stats().latePercent()).isLessThan(1.0);
                    assertThat(o.targetAtMs(119)).isBetween(40.0, 60.0);
                    assertThat(o.meanDelayMs(30)).isBetween(40.0, 85.0);
                    assertThat(o.stats().concealedPercent()).isLessThan(1.0);
                }),
                trace("e 5 % neighbour swaps", NetworkTrace.Spec.clean(5, 2 * ONE_MINUTE).withReorder(0.05), o -> {
                    assertThat(o.stats().late()).isZero();
                    assertThat(o.stats().concealed()).isZero();
                    assertThat(o.stats().fecRecovered()).isZero();
                    assertThat(o.meanDelayMs(10)).isLessThan(70);
                }),
                trace("g 150 ms spike at 20 s", NetworkTrace.Spec.clean(7, ONE_MINUTE).withJitter(5)
                        .withSpike(1000, 150, 50), o -> {
                    assertThat(o.targetAtMs(19.9)).isLessThanOrEqualTo(40);
                    assertThat(o.maxTargetMs(20, 20.3)).as("fast attack").isGreaterThanOrEqualTo(140);
                    assertThat(o.targetAtMs(30)).as("decays within 10 s").isLessThanOrEqualTo(40);
                    assertThat(o.maxDelayMs(20, 22)).isGreaterThanOrEqualTo(120);
                    assertThat(o.meanDelayMs(40)).isLessThan(55);
                    assertThat(o.stats().late()).isBetween(1L, 15L);
                }),
                trace("h wrap, duplicates", NetworkTrace.Spec.clean(8, ONE_MINUTE).withJitter(10)
                        .withStart(65_000, 0xFFFF_FFFFL - 960L * 1000).withDuplicates(0.03), o -> {
                    assertThat(o.stats().duplicate()).isEqualTo(o.trace().duplicates()).isGreaterThan(50);
                    assertThat(o.stats().concealed()).isZero();
                    assertThat(o.stats().late()).isZero();
                    assertThat(o.stats().resyncs()).isZero();
                    assertThat(o.stats().played()).isGreaterThan(ONE_MINUTE - 20);
                }),
                trace("h restart at 30 s", NetworkTrace.Spec.clean(9, ONE_MINUTE).withJitter(5).withRestart(1500),
                        o -> {
                    assertThat(o.stats().resyncs()).isEqualTo(1);
                    assertThat(o.stats().played()).isGreaterThan(ONE_MINUTE - 20);
                    assertThat(o.stats().concealed() + o.stats().silence()).isLessThan(10);
                    assertThat(o.stats().late()).isZero();
                }));
    }

    static Stream<Arguments> drift() {
        return Stream.of(
                Arguments.of(Named.of("f sender +200 ppm for 10 min", 200.0)),
                Arguments.of(Named.of("f sender -200 ppm for 10 min", -200.0)));
    }

    private static Arguments trace(String name, NetworkTrace.Spec spec, Consumer<PlayoutSimulation.Outcome> check) {
        return Arguments.of(Named.of(name, spec), check);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void reachesTheExpectedTradeOff(NetworkTrace.Spec spec, Consumer<PlayoutSimulation.Outcome> check) {
        PlayoutSimulation.Outcome outcome = simulate(spec);
        System.out.println(outcome.summary("trace seed " + spec.seed()));
        check.accept(outcome);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drift")
    void clockDriftKeepsTheDelayAtTheTarget(double ppm) {
        NetworkTrace.Spec spec = NetworkTrace.Spec.clean(6, 10 * ONE_MINUTE).withJitter(5).withDrift(ppm);
        PlayoutSimulation.Outcome o = simulate(spec);
        System.out.println(o.summary(ppm + " ppm") + String.format(", delay %.1f..%.1f ms after 10 s",
                o.minDelayMs(10, 600), o.maxDelayMs(10, 600)));
        double target = o.targetAtMs(599);
        assertThat(target).isEqualTo(20);
        assertThat(o.minDelayMs(10, 600)).isGreaterThanOrEqualTo(target - 1);
        assertThat(o.maxDelayMs(10, 600)).isLessThan(target + 20 + 5 + 1);
        // 200 ppm of 10 minutes is 120 ms: six frames to drop (fast sender) or to insert (slow sender).
        long corrections = ppm > 0 ? o.stats().accelerated() : o.stats().stretched();
        assertThat(corrections).isBetween(5L, 12L);
        assertThat(o.stats().latePercent()).isLessThan(0.1);
        assertThat(o.stats().concealedPercent()).isLessThan(0.1);
    }

    private static PlayoutSimulation.Outcome simulate(NetworkTrace.Spec spec) {
        long phase = 3_000_000 + spec.seed() * 1_700_000 % NetworkTrace.FRAME_NANOS;
        return new PlayoutSimulation(JitterBufferConfig.opus(), phase).run(spec.generate());
    }
}
