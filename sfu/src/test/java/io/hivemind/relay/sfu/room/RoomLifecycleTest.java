package io.hivemind.relay.sfu.room;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Limits, refusals with stable codes, events, and that leaving or closing releases everything. */
class RoomLifecycleTest {
    private final List<RoomEvent> events = new ArrayList<>();
    private RoomFixture fixture;

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private void start() {
        fixture = new RoomFixture(RoomFixture.CONFIG.withMaxParticipants(3));
        RoomFixture.await(fixture.room.addListener(events::add));
        fixture.join("a");
        fixture.join(new JoinOptions("ghost", "Ghost", "{}", false, true, true, 111, 1));
        fixture.publish("a", "0", 42);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("room full", RoomError.PARTICIPANT_LIMIT, (Function<Room, CompletableFuture<?>>) room -> {
                    room.join(JoinOptions.of("b"), new RecordingTransport(0));
                    return room.join(JoinOptions.of("c"), new RecordingTransport(0));
                }),
                Arguments.of("same identity twice", RoomError.PARTICIPANT_EXISTS,
                        (Function<Room, CompletableFuture<?>>) room ->
                                room.join(JoinOptions.of("a"), new RecordingTransport(0))),
                Arguments.of("hidden cannot publish", RoomError.NOT_ALLOWED,
                        (Function<Room, CompletableFuture<?>>) room ->
                                room.publish("ghost", new TrackOptions("0", 43, 111, 1, true))),
                Arguments.of("SSRC taken", RoomError.SSRC_IN_USE, (Function<Room, CompletableFuture<?>>) room -> {
                    room.join(JoinOptions.of("b"), new RecordingTransport(0));
                    return room.publish("b", new TrackOptions("0", 42, 111, 1, true));
                }),
                Arguments.of("unknown participant", RoomError.PARTICIPANT_NOT_FOUND,
                        (Function<Room, CompletableFuture<?>>) room ->
                                room.publish("nobody", new TrackOptions("0", 44, 111, 1, true))),
                Arguments.of("unknown track", RoomError.TRACK_NOT_FOUND,
                        (Function<Room, CompletableFuture<?>>) room -> room.setMuted("a", "TR_x", true, true)),
                Arguments.of("closed room", RoomError.ROOM_CLOSED, (Function<Room, CompletableFuture<?>>) room -> {
                    room.close();
                    return room.join(JoinOptions.of("late"), new RecordingTransport(0));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithAStableCode(String name, RoomError expected, Function<Room, CompletableFuture<?>> action) {
        start();
        assertThat(RoomFixture.failure(action.apply(fixture.room))).isEqualTo(expected);
    }

    @Test
    void leavingReleasesBuffersConsumersSsrcsAndTheTransport() {
        start();
        RecordingTransport b = fixture.join("b");
        Participant a = fixture.participant("a");
        for (int seq = 1; seq <= 20; seq++) {
            fixture.send(a, 42, seq, 960 * seq, 40);
        }
        Producer producer = a.producers().get(0);
        List<ByteBuf> stored = RoomFixture.await(fixture.room.call(() -> List.of(
                producer.retransmissions().get(1), producer.retransmissions().get(20))));
        assertThat(stored).allSatisfy(buf -> assertThat(buf.refCnt()).isEqualTo(1));
        RecordingTransport aTransport = (RecordingTransport) a.transport();

        RoomFixture.await(fixture.room.leave("a", "left"));

        assertThat(stored).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
        assertThat(aTransport.closes).isEqualTo(1);
        assertThat(RoomFixture.await(fixture.room.tracks())).isEmpty();
        assertThat(RoomFixture.await(fixture.room.call(() -> fixture.participant("b").consumers()))).isEmpty();
        assertThat(RoomFixture.await(fixture.room.participants())).extracting(ParticipantInfo::identity)
                .containsExactly("ghost", "b");
        // The freed SSRC can be published again by someone else.
        assertThat(fixture.publish("b", "0", 42).ssrc()).isEqualTo(42);
        // A straggler packet from the transport of the one who left is a counted drop.
        fixture.send(a, 42, 21, 960 * 21, 40);
        assertThat(RoomFixture.await(fixture.room.call(() -> fixture.room.counters()
                .drops(RoomDropReason.NOT_JOINED)))).isEqualTo(1L);
        assertThat(events).filteredOn(e -> e instanceof RoomEvent.ParticipantLeft)
                .singleElement().satisfies(e -> assertThat(((RoomEvent.ParticipantLeft) e).reason()).isEqualTo("left"));
        assertThat(b.rtp).hasSize(20);
    }

    @Test
    void eventsAnnounceJoinsTracksAndSubscriptions() {
        start();
        fixture.join(new JoinOptions("bot", "Bot", "", true, false, true, 96, 0));
        assertThat(events).filteredOn(e -> e instanceof RoomEvent.ParticipantJoined)
                .extracting(e -> ((RoomEvent.ParticipantJoined) e).participant())
                .extracting(ParticipantInfo::identity, ParticipantInfo::agent, ParticipantInfo::hidden)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", false, false),
                        org.assertj.core.groups.Tuple.tuple("ghost", false, true),
                        org.assertj.core.groups.Tuple.tuple("bot", true, false));
        assertThat(events).filteredOn(e -> e instanceof RoomEvent.TrackSubscribed)
                .extracting(e -> ((RoomEvent.TrackSubscribed) e).subscriberIdentity(),
                        e -> ((RoomEvent.TrackSubscribed) e).payloadType())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ghost", 111),
                        org.assertj.core.groups.Tuple.tuple("bot", 96));
    }

    @Test
    void aDeadTransportRemovesItsParticipantOnTheNextTick() {
        start();
        RecordingTransport b = fixture.join("b");
        b.alive = false;
        fixture.tick();
        assertThat(b.closes).isEqualTo(1);
        assertThat(events).filteredOn(e -> e instanceof RoomEvent.ParticipantLeft)
                .singleElement().satisfies(e -> assertThat(((RoomEvent.ParticipantLeft) e).reason())
                        .isEqualTo("transport closed"));
    }

    @Test
    void thePeriodicTaskSendsReportsByItself() {
        fixture = new RoomFixture(new RoomConfig(3, Duration.ofMillis(10), 1, 50, 3, 256, RoomFixture.EMPTY_TIMEOUT,
                RoomFixture.DEPARTURE_TIMEOUT));
        fixture.join("a");
        RecordingTransport b = fixture.join("b");
        fixture.publish("a", "0", 42);
        fixture.send(fixture.participant("a"), 42, 1, 0, 40);
        RoomFixture.await(b.firstRtcp);
        assertThat(RoomFixture.await(fixture.room.call(() -> b.rtcp.size()))).isPositive();
    }

    @Test
    void closingTheRoomRemovesEveryoneAndTellsTheOwner() {
        start();
        RecordingTransport a = (RecordingTransport) fixture.participant("a").transport();
        RoomFixture.await(fixture.room.close());
        assertThat(fixture.closed).isTrue();
        assertThat(a.closes).isEqualTo(1);
        assertThat(RoomFixture.await(fixture.room.participants())).isEmpty();
        assertThat(events).filteredOn(e -> e instanceof RoomEvent.ParticipantLeft).hasSize(2);
    }
}
