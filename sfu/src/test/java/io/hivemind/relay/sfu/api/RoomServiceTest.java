package io.hivemind.relay.sfu.api;

import io.hivemind.relay.media.time.ManualClock;
import io.hivemind.relay.sfu.room.JoinOptions;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.room.RoomConfig;
import io.hivemind.relay.sfu.room.RoomDropReason;
import io.hivemind.relay.sfu.room.RoomError;
import io.hivemind.relay.sfu.room.RoomException;
import io.hivemind.relay.sfu.room.TrackOptions;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoomServiceTest {
    private EventLoopGroup group;
    private RoomService service;

    @BeforeEach
    void setUp() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        RoomConfig rooms = new RoomConfig(4, Duration.ofHours(1), 5, 50, 3, 256, Duration.ofMinutes(5),
                Duration.ofSeconds(20));
        service = new RoomService(group, new RoomServiceConfig(2, rooms), new ManualClock(), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        service.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static RoomError failure(CompletableFuture<?> future) {
        Throwable cause = future.handle((ok, e) -> e).join();
        if (cause instanceof CompletionException) {
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(RoomException.class);
        return ((RoomException) cause).error();
    }

    @Test
    void limitsRoomsAndFreesTheNameOnClose() {
        Room first = service.createRoom("one");
        assertThatThrownBy(() -> service.createRoom("one")).isInstanceOf(RoomException.class)
                .extracting(e -> ((RoomException) e).error()).isEqualTo(RoomError.ROOM_EXISTS);
        Room second = service.getOrCreateRoom("two");
        assertThat(service.getOrCreateRoom("two")).isSameAs(second);
        assertThatThrownBy(() -> service.createRoom("three")).isInstanceOf(RoomException.class)
                .extracting(e -> ((RoomException) e).error()).isEqualTo(RoomError.ROOM_LIMIT);
        // Round robin: consecutive rooms land on different loops of the group.
        assertThat(first.eventLoop()).isNotSameAs(second.eventLoop());
        assertThat(service.rooms()).extracting(Room::name).containsExactly("one", "two");

        await(service.closeRoom("one"));
        assertThat(service.room("one")).isEmpty();
        assertThat(service.createRoom("three").name()).isEqualTo("three");
    }

    @Test
    void operationsOnAMissingRoomFailWithRoomNotFound() {
        assertThat(failure(service.join("nowhere", JoinOptions.of("a"), new DirectTransport(
                io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, packet -> { })))).isEqualTo(RoomError.ROOM_NOT_FOUND);
        assertThat(failure(service.publish("nowhere", "a", new TrackOptions("0", 1, 111, 0, false))))
                .isEqualTo(RoomError.ROOM_NOT_FOUND);
        assertThat(failure(service.closeRoom("nowhere"))).isEqualTo(RoomError.ROOM_NOT_FOUND);
        assertThatThrownBy(() -> service.requireRoom("nowhere")).isInstanceOf(RoomException.class);
    }

    @Test
    void roomsClosedByTheirEmptyOrDepartureTimeoutAreForgotten() {
        ManualClock clock = new ManualClock();
        // Real 10 ms ticks, so the rooms' own periodic tasks do the closing; their deadlines follow the manual clock.
        RoomConfig ticking = new RoomConfig(4, Duration.ofMillis(10), 5, 50, 3, 256, Duration.ofMinutes(5),
                Duration.ofSeconds(20));
        try (RoomService timed = new RoomService(group, new RoomServiceConfig(5, ticking), clock,
                Clock.systemUTC())) {
            Room idle = timed.createRoom("idle");
            Room brief = timed.createRoom("brief", ticking.withTimeouts(Duration.ofSeconds(30),
                    Duration.ofSeconds(20)));
            Room busy = timed.createRoom("busy");
            await(timed.joinDirect("busy", JoinOptions.of("a"), packet -> { }));

            clock.advance(30, TimeUnit.SECONDS);
            await(brief.closeFuture());
            assertThat(timed.rooms()).extracting(Room::name).containsExactly("busy", "idle");

            clock.advance(5, TimeUnit.MINUTES);
            await(idle.closeFuture());
            assertThat(timed.rooms()).extracting(Room::name).containsExactly("busy");

            await(timed.leave("busy", "a"));
            clock.advance(20, TimeUnit.SECONDS);
            await(busy.closeFuture());
            assertThat(timed.rooms()).isEmpty();
            assertThat(timed.createRoom("busy")).isNotSameAs(busy);
        }
    }

    @Test
    void countersSumEveryRoomAndKeepThoseOfClosedRooms() {
        service.createRoom("one");
        service.createRoom("two");
        DirectTransport a = await(service.joinDirect("one", JoinOptions.of("a"), packet -> { }));
        DirectTransport b = await(service.joinDirect("two", JoinOptions.of("b"), packet -> { }));
        a.sendRtpToRoom(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        b.sendRtpToRoom(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80}));
        b.sendRtpToRoom(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 111}));
        assertThat(await(service.counters()).drops(RoomDropReason.MALFORMED_RTP)).isEqualTo(3);
        assertThat(await(service.counters()).rtpBytesIn()).isEqualTo(6);

        await(service.closeRoom("two"));
        assertThat(await(service.counters()).drops(RoomDropReason.MALFORMED_RTP)).isEqualTo(3);
        service.createRoom("three");
        DirectTransport c = await(service.joinDirect("three", JoinOptions.of("c"), packet -> { }));
        c.sendRtpToRoom(Unpooled.wrappedBuffer(new byte[] {7}));
        assertThat(await(service.counters()).drops(RoomDropReason.MALFORMED_RTP)).isEqualTo(4);
    }

    @Test
    void participantLimitIsEnforcedPerRoom() {
        service.createRoom("r");
        for (int i = 0; i < 4; i++) {
            await(service.joinDirect("r", JoinOptions.of("p" + i), packet -> { }));
        }
        assertThat(failure(service.joinDirect("r", JoinOptions.of("p4"), packet -> { })))
                .isEqualTo(RoomError.PARTICIPANT_LIMIT);
        await(service.leave("r", "p0"));
        await(service.joinDirect("r", JoinOptions.of("p4"), packet -> { }));
    }
}
