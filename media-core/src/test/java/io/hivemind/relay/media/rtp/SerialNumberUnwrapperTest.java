package io.hivemind.relay.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SerialNumberUnwrapperTest {

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of(Named.of("in order", 16), new long[] {1, 2, 3}, new long[] {1, 2, 3}),
                Arguments.of(Named.of("16-bit wrap forward", 16), new long[] {65534, 65535, 0, 1},
                        new long[] {65534, 65535, 65536, 65537}),
                Arguments.of(Named.of("reordered across the wrap", 16), new long[] {65535, 1, 0, 65534},
                        new long[] {65535, 65537, 65536, 65534}),
                Arguments.of(Named.of("16-bit before zero", 16), new long[] {0, 65535},
                        new long[] {0, -1}),
                Arguments.of(Named.of("half range is forward", 16), new long[] {0, 32768},
                        new long[] {0, 32768}),
                Arguments.of(Named.of("past half range is backward", 16), new long[] {0, 32769},
                        new long[] {0, -32767}),
                Arguments.of(Named.of("32-bit timestamp wrap", 32), new long[] {0xFFFF_FC40L, 0x0000_0380L},
                        new long[] {0xFFFF_FC40L, 0x1_0000_0380L}),
                Arguments.of(Named.of("high bits ignored", 16), new long[] {0x1_0005, 0x7_0006},
                        new long[] {5, 6}),
                Arguments.of(Named.of("two 16-bit wraps", 16), new long[] {65000, 200, 30000, 60000, 100},
                        new long[] {65000, 65736, 95536, 125536, 131172}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void unwraps(int bits, long[] wire, long[] extended) {
        SerialNumberUnwrapper unwrapper = new SerialNumberUnwrapper(bits);
        for (int i = 0; i < wire.length; i++) {
            assertThat(unwrapper.unwrap(wire[i])).as("value %d", i).isEqualTo(extended[i]);
        }
    }

    @Test
    void peekDoesNotMoveTheReferenceAndResetForgets() {
        SerialNumberUnwrapper unwrapper = new SerialNumberUnwrapper(16);
        assertThat(unwrapper.peek(7)).isEqualTo(7);
        assertThat(unwrapper.primed()).isFalse();
        unwrapper.unwrap(65535);
        assertThat(unwrapper.peek(30000)).isEqualTo(95536);
        assertThat(unwrapper.peek(40000)).isEqualTo(40000);
        unwrapper.reset();
        assertThat(unwrapper.unwrap(40000)).isEqualTo(40000);
    }

    @Test
    void refusesImpossibleWidths() {
        assertThatThrownBy(() -> new SerialNumberUnwrapper(33)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SerialNumberUnwrapper(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
