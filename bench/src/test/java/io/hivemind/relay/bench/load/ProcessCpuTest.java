package io.hivemind.relay.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProcessCpuTest {

    private static final String TAIL = " 0 0 20 0 30 0 100 1000 200";

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("plain", "42 (java) S 1 42 42 0 -1 4194560 10 0 0 0 250 50" + TAIL, 300),
                Arguments.of("spaces and parentheses in the name",
                        "42 (my (odd) name) R 1 42 42 0 -1 0 10 0 0 0 7 3" + TAIL, 10),
                Arguments.of("idle", "7 (janus) S 1 7 7 0 -1 0 0 0 0 0 0 0" + TAIL, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void lines(String name, String line, long ticks) {
        assertThat(ProcessCpu.parseCpuNanos(line)).isEqualTo(ticks * 1_000_000_000L / ProcessCpu.TICKS_PER_SECOND);
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("no command name", "42 java S 1 2 3"),
                Arguments.of("too few fields", "42 (java) S 1 42"),
                Arguments.of("not numbers", "42 (java) S 1 42 42 0 -1 0 10 0 0 0 x y" + TAIL),
                Arguments.of("negative", "42 (java) S 1 42 42 0 -1 0 10 0 0 0 -5 1" + TAIL),
                Arguments.of("overflowing", "42 (java) S 1 42 42 0 -1 0 10 0 0 0 9223372036854775807 1" + TAIL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void badLines(String name, String line) {
        assertThatThrownBy(() -> ProcessCpu.parseCpuNanos(line)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thisProcessHasUsedCpu() throws Exception {
        ProcessCpu self = new ProcessCpu(ProcessHandle.current().pid());
        assertThat(self.cpuNanos()).isPositive();
    }
}
