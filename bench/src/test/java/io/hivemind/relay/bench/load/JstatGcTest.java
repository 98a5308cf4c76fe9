package io.hivemind.relay.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JstatGcTest {

    private static final String G1_HEADER = " S0C    S1C    S0U    S1U      EC       EU        OC         OU       MC"
            + "     MU    CCSC   CCSU   YGC     YGCT    FGC    FGCT    CGC    CGCT     GCT   ";

    static Stream<Arguments> outputs() {
        return Stream.of(
                Arguments.of("G1 (JDK 17)", G1_HEADER + "\n 0.0 4096.0 0.0 4096.0 61440.0 12288.0 57344.0 20480.0"
                        + " 35200.0 34600.0 4480.0 4200.0 12 0.051 1 0.020 4 0.003 0.074\n",
                        new JstatGc.Totals(17, 0.074)),
                Arguments.of("Parallel: no concurrent cycles", "YGC YGCT FGC FGCT CGC CGCT GCT\n3 0.010 0 0.000 - -"
                        + " 0.010\n", new JstatGc.Totals(3, 0.010)),
                Arguments.of("nothing collected yet", "YGC FGC GCT\n0 0 0.000", new JstatGc.Totals(0, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void outputs(String name, String output, JstatGc.Totals totals) {
        assertThat(JstatGc.parse(output)).isEqualTo(totals);
    }

    static Stream<Arguments> badOutputs() {
        return Stream.of(
                Arguments.of("an error message", "12345 not found"),
                Arguments.of("no GCT column", "YGC FGC\n1 2"),
                Arguments.of("columns and values differ", "YGC GCT\n1"),
                Arguments.of("not a number", "YGC GCT\nx 0.1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void badOutputs(String name, String output) {
        assertThatThrownBy(() -> JstatGc.parse(output)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void aWindowSubtractsTotals() {
        assertThat(new JstatGc.Totals(10, 0.5).minus(new JstatGc.Totals(4, 0.2)).collections()).isEqualTo(6);
    }
}
