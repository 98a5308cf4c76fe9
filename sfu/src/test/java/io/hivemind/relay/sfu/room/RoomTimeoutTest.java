package io.hivemind.relay.sfu.room;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An empty room closes on its own periodic task: {@link RoomFixture#EMPTY_TIMEOUT} (5 min) after creation when
 * nobody joined, {@link RoomFixture#DEPARTURE_TIMEOUT} (20 s) after the last participant left; time comes from the
 * fixture's manual clock, and each scenario ends with one tick.
 */
class RoomTimeoutTest {
    private RoomFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new RoomFixture();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("nobody joined for the empty timeout", List.of("wait 300000"), true),
                Arguments.of("nobody joined, a millisecond short", List.of("wait 299999"), false),
                Arguments.of("occupied rooms never close", List.of("join a", "wait 3600000"), false),
                Arguments.of("the last one left 20 s ago", List.of("join a", "join b", "wait 600000", "leave a",
                        "wait 30000", "leave b", "wait 20000"), true),
                Arguments.of("the last one left a millisecond short of 20 s",
                        List.of("join a", "leave a", "wait 19999"), false),
                Arguments.of("the departure timeout replaces the empty timeout",
                        List.of("join a", "wait 299000", "leave a", "wait 19999"), false),
                Arguments.of("a join in the departure window keeps the room",
                        List.of("join a", "leave a", "wait 10000", "join b", "wait 3600000"), false),
                Arguments.of("a join and leave restart the departure timeout",
                        List.of("join a", "leave a", "wait 10000", "join b", "leave b", "wait 19999"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void closesOnlyPastItsDeadline(String name, List<String> steps, boolean closes) {
        for (String step : steps) {
            String[] words = step.split(" ");
            switch (words[0]) {
                case "join" -> fixture.join(words[1]);
                case "leave" -> RoomFixture.await(fixture.room.leave(words[1], "left"));
                case "wait" -> fixture.clock.advanceMillis(Long.parseLong(words[1]));
                default -> throw new IllegalArgumentException(step);
            }
        }
        fixture.tick();

        assertThat(fixture.closed).isEqualTo(closes);
        assertThat(fixture.room.closeFuture().isDone()).isEqualTo(closes);
        if (closes) {
            assertThat(RoomFixture.failure(fixture.room.join(JoinOptions.of("late"), new RecordingTransport(0))))
                    .isEqualTo(RoomError.ROOM_CLOSED);
        }
    }

    @Test
    void aRoomWithItsOwnEmptyTimeoutHonoursIt() {
        fixture.close();
        fixture = new RoomFixture(RoomFixture.CONFIG.withTimeouts(Duration.ofSeconds(30),
                RoomFixture.DEPARTURE_TIMEOUT));
        fixture.clock.advanceMillis(29_999);
        fixture.tick();
        assertThat(fixture.closed).isFalse();
        fixture.clock.advanceMillis(1);
        fixture.tick();
        assertThat(fixture.closed).isTrue();
    }
}
