package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.media.time.ManualClock;
import io.hivemind.relay.sfu.api.RoomService;
import io.hivemind.relay.sfu.api.RoomServiceConfig;
import io.hivemind.relay.sfu.room.JoinOptions;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.room.RoomConfig;
import io.hivemind.relay.sfu.room.RoomError;
import io.hivemind.relay.sfu.room.RoomException;
import io.hivemind.relay.sfu.room.TrackInfo;
import io.hivemind.relay.sfu.room.TrackOptions;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.rest.RoomAdminModel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoomServiceAdminTest {
    private final ManualClock clock = new ManualClock();
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    /** Real 10 ms ticks so rooms close by themselves; their deadlines follow the manual clock. */
    private final RoomService service = new RoomService(loops, new RoomServiceConfig(10,
            new RoomConfig(8, Duration.ofMillis(10), 5, 50, 3, 256, Duration.ofMinutes(5), Duration.ofSeconds(20))),
            clock, Clock.systemUTC());
    private final RoomServiceAdmin admin = new RoomServiceAdmin(service, Clock.systemUTC());

    @AfterEach
    void tearDown() {
        service.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Arguments> creations() {
        return Stream.of(
                Arguments.of("server defaults", null, null, 300, 8),
                Arguments.of("zero means the defaults", 0, 0, 300, 8),
                Arguments.of("own empty timeout and a smaller cap", 30, 3, 30, 3),
                Arguments.of("a cap above the server's is clamped", 600, 50, 600, 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("creations")
    void createdRoomsRunWithTheRequestedEmptyTimeoutAndCap(String name, Integer emptyTimeout,
            Integer maxParticipants, int expectedTimeout, int expectedCap) {
        RoomAdminModel.Room created = await(admin.createRoom(new RoomAdminModel.CreateRoom("r", emptyTimeout,
                maxParticipants)));

        assertThat(created.emptyTimeout()).isEqualTo(expectedTimeout);
        assertThat(created.maxParticipants()).isEqualTo(expectedCap);
        Room room = service.requireRoom("r");
        assertThat(room.config().emptyTimeout()).hasSeconds(expectedTimeout);
        clock.advance(expectedTimeout - 1, TimeUnit.SECONDS);
        await(room.run(() -> { }));
        assertThat(await(admin.listRooms())).extracting(RoomAdminModel.Room::name).containsExactly("r");
        clock.advance(1, TimeUnit.SECONDS);
        await(room.closeFuture());
        assertThat(await(admin.listRooms())).isEmpty();
    }

    @Test
    void thePublisherCannotLiftAnAdminMute() {
        await(admin.createRoom(new RoomAdminModel.CreateRoom("r", null, null)));
        await(service.joinDirect("r", JoinOptions.of("bob"), packet -> { }));
        TrackInfo track = await(service.publish("r", "bob", new TrackOptions("0", 42, 111, 0, false)));
        Room room = service.requireRoom("r");

        assertThat(await(admin.muteTrack("r", "bob", track.producerId(), true)).muted()).isTrue();
        await(room.setMuted("bob", track.producerId(), false, false));
        assertThat(mutedTracks()).containsExactly(true);
        await(room.setMuted("bob", track.producerId(), true, false));
        assertThat(await(admin.muteTrack("r", "bob", track.producerId(), false)).muted()).isTrue();
        await(room.setMuted("bob", track.producerId(), false, false));
        assertThat(mutedTracks()).containsExactly(false);
    }

    private List<Boolean> mutedTracks() {
        return await(admin.listParticipants("r")).stream().flatMap(p -> p.tracks().stream())
                .map(RoomAdminModel.Track::muted).toList();
    }

    static Stream<Arguments> roomErrors() {
        return Stream.of(
                Arguments.of(RoomError.ROOM_NOT_FOUND, ErrorCode.ROOM_NOT_FOUND),
                Arguments.of(RoomError.ROOM_CLOSED, ErrorCode.ROOM_NOT_FOUND),
                Arguments.of(RoomError.ROOM_EXISTS, ErrorCode.ROOM_EXISTS),
                Arguments.of(RoomError.PARTICIPANT_NOT_FOUND, ErrorCode.PARTICIPANT_NOT_FOUND),
                Arguments.of(RoomError.TRACK_NOT_FOUND, ErrorCode.TRACK_NOT_FOUND),
                Arguments.of(RoomError.ROOM_LIMIT, ErrorCode.RATE_LIMITED),
                Arguments.of(RoomError.PARTICIPANT_LIMIT, ErrorCode.ROOM_FULL),
                Arguments.of(RoomError.NOT_ALLOWED, ErrorCode.PERMISSION_DENIED),
                Arguments.of(RoomError.PARTICIPANT_EXISTS, ErrorCode.PARTICIPANT_EXISTS),
                Arguments.of(RoomError.SSRC_IN_USE, ErrorCode.BAD_REQUEST));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("roomErrors")
    void roomErrorsMapToStableSignalingCodesWithoutEchoingNames(RoomError error, ErrorCode expected) {
        var mapped = RoomServiceAdmin.signaling(new RoomException(error, "secret-room-name"));

        assertThat(mapped.code()).isEqualTo(expected);
        assertThat(mapped.getMessage()).doesNotContain("secret-room-name");
    }
}
