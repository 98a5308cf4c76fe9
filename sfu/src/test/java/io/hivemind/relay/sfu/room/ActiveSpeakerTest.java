package io.hivemind.relay.sfu.room;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6464 levels to active speakers. With smoothing 0.5 and speech at -50 dBov (loudness 77): a voice at
 * -20 dBov (loudness 107) is speaking from its second interval, and a challenger at -10 dBov (117) first beats
 * the settled -20 dBov speaker in its fourth interval, so with a switch after 3 intervals it takes over in its
 * sixth.
 */
class ActiveSpeakerTest {
    private final List<String> changes = new ArrayList<>();
    private RoomFixture fixture;
    private int tick;
    private int seqA;
    private int seqB;

    @BeforeEach
    void setUp() {
        fixture = new RoomFixture();
        RoomFixture.await(fixture.room.addListener(event -> {
            if (event instanceof RoomEvent.ActiveSpeakersChanged changed) {
                changes.add(tick + ":" + String.join(",", changed.speakers().stream()
                        .map(ActiveSpeaker::participantIdentity).toList()));
            }
        }));
        fixture.join("a");
        fixture.join("b");
        fixture.join("listener");
        fixture.publish("a", "0", 0xA);
        fixture.publish("b", "0", 0xB);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    /** One interval: each given level (dBov, or -1 for no packet) in a few packets, then a tick. */
    private void interval(int levelA, int levelB) {
        for (int i = 0; i < 5; i++) {
            if (levelA >= 0) {
                fixture.send(fixture.participant("a"), 0xA, ++seqA, 960 * seqA, levelA);
            }
            if (levelB >= 0) {
                fixture.send(fixture.participant("b"), 0xB, ++seqB, 960 * seqB, levelB);
            }
        }
        tick++;
        fixture.tick();
    }

    @Test
    void aLouderChallengerTakesOverOnlyAfterTheHysteresis() {
        for (int i = 0; i < 3; i++) {
            interval(20, 127);
        }
        assertThat(changes).containsExactly("2:a");
        for (int i = 0; i < 8; i++) {
            interval(20, 10);
        }
        // b speaks from its 2nd interval (tick 5), is louder from its 4th (tick 7), dominant at its 6th (tick 9).
        assertThat(changes).containsExactly("2:a", "5:a,b", "9:b,a");
        interval(-1, 10);
        interval(-1, 10);
        assertThat(changes).endsWith("12:b");
        interval(127, 127);
        interval(127, 127);
        assertThat(changes).endsWith("14:");
    }

    @Test
    void theDominantSpeakerFallingSilentHandsOverAtOnce() {
        interval(20, 127);
        interval(20, 20);
        interval(20, 20);
        interval(127, 20);
        // Equally loud b joins the list at tick 3 but never beats a; a's silence at tick 4 hands over at once.
        assertThat(changes).containsExactly("2:a", "3:a,b", "4:b");
    }

    @Test
    void aMutedProducerCountsAsSilent() {
        interval(20, 127);
        interval(20, 127);
        String producerA = RoomFixture.await(fixture.room.tracks()).get(0).producerId();
        RoomFixture.await(fixture.room.setMuted("a", producerA, true, false));
        interval(20, 127);
        interval(20, 127);
        // Muted at 80 of 77 after two intervals: one silent interval halves it below the threshold.
        assertThat(changes).containsExactly("2:a", "3:");
        assertThat(RoomFixture.await(fixture.room.call(() -> fixture.room.counters()
                .drops(RoomDropReason.PRODUCER_MUTED)))).isEqualTo(10L);
    }
}
