package io.hivemind.relay.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SequenceNumbersTest {

    static Stream<Arguments> pairs() {
        return Stream.of(
                arguments("one ahead", 2, 1, 1),
                arguments("equal", 7, 7, 0),
                arguments("one behind", 1, 2, -1),
                arguments("across the wrap, ahead", 0, 65535, 1),
                arguments("across the wrap, behind", 65535, 0, -1),
                arguments("far across the wrap", 10, 65500, 46),
                arguments("largest step ahead", 32767, 0, 32767),
                arguments("largest step behind", 32769, 0, -32767),
                arguments("exactly half, larger is newer", 32768, 0, 32768),
                arguments("exactly half, smaller is older", 0, 32768, -32768),
                arguments("exactly half across the top", 65535, 32767, 32768),
                arguments("only the low 16 bits count", 0x10002, 1, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void comparesBySerialArithmetic(String name, int a, int b, int difference) {
        assertThat(SequenceNumbers.difference(a, b)).isEqualTo(difference);
        assertThat(SequenceNumbers.isNewer(a, b)).isEqualTo(difference > 0);
        if (difference != 0) {
            assertThat(SequenceNumbers.isNewer(b, a)).as("antisymmetric").isEqualTo(difference < 0);
        }
    }

    @Test
    void addsModulo65536() {
        assertThat(SequenceNumbers.add(65535, 1)).isZero();
        assertThat(SequenceNumbers.add(0, -1)).isEqualTo(65535);
        assertThat(SequenceNumbers.add(100, 65536)).isEqualTo(100);
    }

    static Stream<Arguments> streams() {
        return Stream.of(
                arguments("in order", new int[] {1, 2, 3}, new long[] {1, 2, 3}),
                arguments("wrap 65535 to 0", new int[] {65534, 65535, 0, 1}, new long[] {65534, 65535, 65536, 65537}),
                arguments("reordered across the wrap", new int[] {65534, 1, 65535, 0, 2},
                        new long[] {65534, 65537, 65535, 65536, 65538}),
                arguments("late packet before the first wraps below", new int[] {0, 65535, 1},
                        new long[] {0, -1, 1}),
                arguments("two wraps", new int[] {0, 30000, 60000, 24464, 54464, 18928},
                        new long[] {0, 30000, 60000, 90000, 120000, 150000}),
                arguments("jump of 32767 goes forward", new int[] {100, 32867}, new long[] {100, 32867}),
                arguments("jump of 32769 reads as a step back", new int[] {100, 32869}, new long[] {100, -32667}),
                arguments("duplicates", new int[] {5, 5, 6, 6}, new long[] {5, 5, 6, 6}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void unwrapsToAnExtendedSequence(String name, int[] sequence, long[] extended) {
        SerialNumberUnwrapper unwrapper = new SerialNumberUnwrapper(16);
        long[] seen = Arrays.stream(sequence).mapToLong(unwrapper::unwrap).toArray();
        assertThat(seen).containsExactly(extended);
    }

    @Test
    void resetStartsOver() {
        SerialNumberUnwrapper unwrapper = new SerialNumberUnwrapper(16);
        unwrapper.unwrap(65535);
        assertThat(unwrapper.unwrap(0)).isEqualTo(65536);
        unwrapper.reset();
        assertThat(unwrapper.unwrap(0)).isZero();
    }
}
