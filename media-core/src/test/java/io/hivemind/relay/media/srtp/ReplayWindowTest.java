package io.hivemind.relay.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplayWindowTest {

    @Test
    void emptyWindowTakesAnything() {
        ReplayWindow window = new ReplayWindow();
        assertThat(window.highest()).isEqualTo(-1);
        assertThat(window.check(0)).isEqualTo(SrtpStatus.OK);
        assertThat(window.check(SrtpStream.MAX_INDEX)).isEqualTo(SrtpStatus.OK);
    }

    @Test
    void checkChangesNothingAcceptRecords() {
        ReplayWindow window = new ReplayWindow();
        window.accept(1000);
        assertThat(window.check(999)).isEqualTo(SrtpStatus.OK);
        assertThat(window.check(999)).isEqualTo(SrtpStatus.OK);
        window.accept(999);
        assertThat(window.check(999)).isEqualTo(SrtpStatus.REPLAYED);
        assertThat(window.check(1000)).isEqualTo(SrtpStatus.REPLAYED);
        assertThat(window.highest()).isEqualTo(1000);
    }

    static Stream<Arguments> slides() {
        return Stream.of(
                Arguments.of("slide by 1", 1),
                Arguments.of("slide by 63", 63),
                Arguments.of("slide by 64", 64),
                Arguments.of("slide by 65", 65),
                Arguments.of("slide by 127", 127),
                Arguments.of("slide by 128", 128),
                Arguments.of("slide by 5000", 5000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slides")
    void bitsFollowTheSlide(String name, int by) {
        ReplayWindow window = new ReplayWindow();
        long base = 1L << 40;
        for (long i = base; i < base + 100; i += 3) {
            window.accept(i);
        }
        long top = base + 99;
        window.accept(top + by);
        long newTop = top + by;
        for (long i = newTop - ReplayWindow.SIZE + 1; i < newTop; i++) {
            boolean seen = i >= base && i <= top && (i - base) % 3 == 0;
            assertThat(window.check(i)).as("index %d", i).isEqualTo(seen ? SrtpStatus.REPLAYED : SrtpStatus.OK);
        }
        assertThat(window.check(newTop - ReplayWindow.SIZE)).isEqualTo(SrtpStatus.TOO_OLD);
        assertThat(window.check(newTop)).isEqualTo(SrtpStatus.REPLAYED);
    }

    @Test
    void lateIndexesInsideTheWindowAreRecorded() {
        ReplayWindow window = new ReplayWindow();
        window.accept(500);
        window.accept(500 - 127);
        window.accept(500 - 64);
        window.accept(500 - 63);
        window.accept(500 - 128);
        assertThat(window.check(500 - 127)).isEqualTo(SrtpStatus.REPLAYED);
        assertThat(window.check(500 - 64)).isEqualTo(SrtpStatus.REPLAYED);
        assertThat(window.check(500 - 63)).isEqualTo(SrtpStatus.REPLAYED);
        assertThat(window.check(500 - 62)).isEqualTo(SrtpStatus.OK);
        assertThat(window.check(500 - 128)).isEqualTo(SrtpStatus.TOO_OLD);
    }

    static Stream<Arguments> guesses() {
        return Stream.of(
                Arguments.of("first packet: ROC 0", -1L, 1234, 1234L),
                Arguments.of("s_l low, SEQ just above", 100L, 101, 101L),
                Arguments.of("s_l low, SEQ far above: previous ROC", (5L << 16) | 100, 65000, (4L << 16) | 65000),
                Arguments.of("s_l low, ROC 0, SEQ far above: before the stream", 100L, 65000, -1L),
                Arguments.of("s_l high, SEQ far below: next ROC", (5L << 16) | 65500, 10, (6L << 16) | 10),
                Arguments.of("s_l high, SEQ a bit below", (5L << 16) | 65500, 40000, (5L << 16) | 40000),
                Arguments.of("s_l at 32768, SEQ 0", (2L << 16) | 32768, 0, (2L << 16)),
                Arguments.of("last ROC, wrap past 2^48", SrtpStream.MAX_INDEX, 0, 1L << 48));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guesses")
    void rfc3711AppendixAIndexGuess(String name, long highest, int seq, long expected) {
        SrtpStream stream = new SrtpStream();
        stream.reset(1);
        if (highest >= 0) {
            stream.rtpWindow.accept(highest);
        }
        assertThat(stream.guessIndex(seq)).isEqualTo(expected);
    }
}
