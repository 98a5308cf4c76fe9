package io.hivemind.relay.hub.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The floor of one room: who answers a turn, and that one agent at a time holds the floor. */
class FloorControlTest {

    private final Floor floor = new Floor();
    private final Floor.Seat kit = floor.join("kit", "Kit");
    private final Floor.Seat nova = floor.join("nova-2", "Nova Star");

    static Stream<Arguments> turns() {
        return Stream.of(
                Arguments.of("named by display name", "Nova Star, what is the build status?", false, true),
                Arguments.of("any case and punctuation", "hey... KIT!", true, false),
                Arguments.of("named by id", "ask nova-2 about it", false, true),
                Arguments.of("nobody named: the lead answers", "what time is it", true, false),
                Arguments.of("both named: both answer", "kit and nova star, what do you think", true, true),
                Arguments.of("a name inside a word names nobody", "the kitchen is novel", true, false),
                Arguments.of("half a display name names nobody", "nova, are you there", true, false),
                Arguments.of("an empty transcript goes to the lead", "", true, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("turns")
    void theAddressedAgentOrElseTheLeadAnswers(String name, String transcript, boolean kitAnswers,
            boolean novaAnswers) {
        assertThat(kit.answers(transcript)).isEqualTo(kitAnswers);
        assertThat(nova.answers(transcript)).isEqualTo(novaAnswers);
    }

    @Test
    void oneAgentHoldsTheFloorUntilItGivesItBack() {
        assertThat(kit.acquire()).isTrue();
        assertThat(kit.acquire()).isTrue();
        assertThat(nova.acquire()).isFalse();
        assertThat(nova.othersHold()).isTrue();
        assertThat(kit.othersHold()).isFalse();

        nova.release();
        assertThat(floor.holder()).isEqualTo("kit");

        kit.release();
        assertThat(floor.holder()).isNull();
        assertThat(nova.acquire()).isTrue();
        assertThat(nova.holds()).isTrue();
        assertThat(kit.holds()).isFalse();
    }

    @Test
    void aBargeInFreesTheFloorAndIsCounted() {
        nova.bargeIn();
        assertThat(kit.bargeIns()).isZero();

        kit.acquire();
        kit.bargeIn();

        assertThat(floor.holder()).isNull();
        assertThat(nova.bargeIns()).isEqualTo(1);
        assertThat(nova.acquire()).isTrue();
    }

    @Test
    void theLeadIsTheFirstSeatedAndTheNextTakesOverWhenItLeaves() {
        AtomicInteger changes = new AtomicInteger();
        nova.follow(changes::incrementAndGet);
        assertThat(kit.lead()).isTrue();
        assertThat(nova.lead()).isFalse();
        assertThat(nova.shared()).isTrue();
        kit.acquire();

        kit.leave();

        assertThat(changes).hasValue(1);
        assertThat(nova.lead()).isTrue();
        assertThat(nova.shared()).isFalse();
        assertThat(floor.holder()).isNull();
        assertThat(kit.acquire()).isFalse();
        assertThat(kit.answers("kit")).isFalse();
        kit.leave();
        assertThat(changes).hasValue(1);

        nova.leave();
        assertThat(floor.isEmpty()).isTrue();
    }

    @Test
    void anAgentSitsOnceAndLateArrivalsAreAnnounced() {
        AtomicInteger changes = new AtomicInteger();
        kit.follow(changes::incrementAndGet);

        assertThatThrownBy(() -> floor.join("kit", "Kit")).isInstanceOf(IllegalStateException.class);
        Floor.Seat third = floor.join("ada", "Ada");

        assertThat(changes).hasValue(1);
        assertThat(third.lead()).isFalse();
        assertThat(third.answers("Ada, status please")).isTrue();
        assertThat(kit.answers("Ada, status please")).isFalse();
    }

    @Test
    void everyoneHearsWhenTheFloorComesFreeAndWhy() {
        List<String> freed = new CopyOnWriteArrayList<>();
        nova.follow(new Floor.Listener() {
            @Override
            public void onMembersChanged() {
            }

            @Override
            public void onFloorFreed(boolean byBargeIn) {
                freed.add(byBargeIn ? "barge-in" : "free");
            }
        });

        kit.acquire();
        kit.release();
        kit.release();
        kit.acquire();
        kit.bargeIn();
        nova.bargeIn();
        kit.acquire();
        kit.leave();

        assertThat(freed).containsExactly("free", "barge-in", "free");
    }
}
