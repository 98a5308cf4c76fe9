package io.hivemind.relay.sfu.room;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher's own mute and the server (admin) mute are separate flags: a track is forwarded only while neither
 * is set, the publisher cannot lift a server mute, and each change emits one event saying whose flag changed.
 */
class MuteTest {
    private static final boolean SERVER = true;
    private static final boolean PUBLISHER = false;

    private final List<RoomEvent> events = new ArrayList<>();
    private RoomFixture fixture;
    private RecordingTransport sub;
    private TrackInfo track;

    /** One mute call: who sets the flag and to what. */
    record Step(boolean byServer, boolean muted) {
    }

    /** A {@code TrackMuted} event reduced to what it says. */
    record Seen(boolean byServer, boolean publisherMuted, boolean serverMuted) {
    }

    @BeforeEach
    void setUp() {
        fixture = new RoomFixture();
        RoomFixture.await(fixture.room.addListener(events::add));
        fixture.join("pub");
        sub = fixture.join("sub");
        track = fixture.publish("pub", "audio0", 0xA);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("publisher mutes itself", List.of(new Step(PUBLISHER, true)), false,
                        List.of(new Seen(false, true, false))),
                Arguments.of("admin mutes", List.of(new Step(SERVER, true)), false,
                        List.of(new Seen(true, false, true))),
                Arguments.of("publisher cannot unmute a server mute",
                        List.of(new Step(SERVER, true), new Step(PUBLISHER, false)), false,
                        List.of(new Seen(true, false, true))),
                Arguments.of("publisher mutes and unmutes under a server mute",
                        List.of(new Step(SERVER, true), new Step(PUBLISHER, true), new Step(PUBLISHER, false)), false,
                        List.of(new Seen(true, false, true), new Seen(false, true, true),
                                new Seen(false, false, true))),
                Arguments.of("admin unmute leaves the publisher's own mute",
                        List.of(new Step(PUBLISHER, true), new Step(SERVER, true), new Step(SERVER, false)), false,
                        List.of(new Seen(false, true, false), new Seen(true, true, true),
                                new Seen(true, true, false))),
                Arguments.of("both lifted forwards again",
                        List.of(new Step(PUBLISHER, true), new Step(SERVER, true), new Step(SERVER, false),
                                new Step(PUBLISHER, false)), true,
                        List.of(new Seen(false, true, false), new Seen(true, true, true),
                                new Seen(true, true, false), new Seen(false, false, false))),
                Arguments.of("admin unmute of an unmuted track changes nothing",
                        List.of(new Step(SERVER, false)), true, List.of()),
                Arguments.of("a repeated mute emits once",
                        List.of(new Step(SERVER, true), new Step(SERVER, true)), false,
                        List.of(new Seen(true, false, true))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void forwardsOnlyWhenNeitherFlagIsSet(String name, List<Step> steps, boolean forwarded, List<Seen> expected) {
        TrackInfo last = track;
        for (Step step : steps) {
            last = RoomFixture.await(fixture.room.setMuted("pub", track.producerId(), step.muted(), step.byServer()));
        }
        fixture.send(fixture.participant("pub"), 0xA, 1, 960, 40);

        assertThat(sub.rtp).hasSize(forwarded ? 1 : 0);
        assertThat(last.muted()).isEqualTo(!forwarded);
        assertThat(RoomFixture.await(fixture.room.call(() -> fixture.room.counters()
                .drops(RoomDropReason.PRODUCER_MUTED)))).isEqualTo(forwarded ? 0L : 1L);
        assertThat(events).filteredOn(RoomEvent.TrackMuted.class::isInstance).map(RoomEvent.TrackMuted.class::cast)
                .map(e -> new Seen(e.byServer(), e.track().publisherMuted(), e.track().serverMuted()))
                .containsExactlyElementsOf(expected);
    }
}
