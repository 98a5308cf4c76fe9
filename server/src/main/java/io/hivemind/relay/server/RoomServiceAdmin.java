package io.hivemind.relay.server;

import io.hivemind.relay.sfu.api.RoomService;
import io.hivemind.relay.sfu.room.ParticipantInfo;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.room.RoomConfig;
import io.hivemind.relay.sfu.room.RoomError;
import io.hivemind.relay.sfu.room.RoomException;
import io.hivemind.relay.sfu.room.TrackInfo;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import io.hivemind.relay.signaling.rest.RoomAdmin;
import io.hivemind.relay.signaling.rest.RoomAdminModel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The REST API's {@link RoomAdmin} over the SFU's {@link RoomService}: listings are snapshots taken on each room's
 * loop, and {@link RoomException} codes become the signaling {@link ErrorCode}s of docs/protocol.md.
 *
 * <p>A created room takes the request's {@code emptyTimeout} (seconds; absent or 0 = the service's) and
 * {@code maxParticipants} (at most the service's cap; absent or 0 = that cap), and is listed with the values it
 * really runs with. Participants report {@code joinedAt} 0: the room layer does not record join times yet.
 */
final class RoomServiceAdmin implements RoomAdmin {

    private final RoomService rooms;
    private final Clock wallClock;
    /** Creation time (Unix seconds) of rooms created here; a room created elsewhere reports 0. */
    private final Map<Room, Long> created = new ConcurrentHashMap<>();

    RoomServiceAdmin(RoomService rooms, Clock wallClock) {
        this.rooms = rooms;
        this.wallClock = wallClock;
    }

    @Override
    public CompletionStage<RoomAdminModel.Room> createRoom(RoomAdminModel.CreateRoom request) {
        Room room;
        try {
            room = rooms.createRoom(request.name(), roomConfig(request));
        } catch (RoomException e) {
            return CompletableFuture.failedFuture(signaling(e));
        }
        created.put(room, wallClock.instant().getEpochSecond());
        return describe(room);
    }

    /** The service's room settings with the request's empty timeout and participant cap, where it set them. */
    private RoomConfig roomConfig(RoomAdminModel.CreateRoom request) {
        RoomConfig defaults = rooms.config().room();
        RoomConfig config = defaults;
        if (request.emptyTimeout() != null && request.emptyTimeout() > 0) {
            config = config.withTimeouts(Duration.ofSeconds(request.emptyTimeout()), defaults.departureTimeout());
        }
        if (request.maxParticipants() != null && request.maxParticipants() > 0) {
            config = config.withMaxParticipants(Math.min(request.maxParticipants(), defaults.maxParticipants()));
        }
        return config;
    }

    @Override
    public CompletionStage<List<RoomAdminModel.Room>> listRooms() {
        created.keySet().retainAll(rooms.rooms());
        List<CompletableFuture<RoomAdminModel.Room>> described = new ArrayList<>();
        for (Room room : rooms.rooms()) {
            described.add(describe(room));
        }
        return CompletableFuture.allOf(described.toArray(CompletableFuture[]::new))
                .thenApply(done -> described.stream().map(CompletableFuture::join).toList());
    }

    @Override
    public CompletionStage<Void> deleteRoom(String room) {
        return translated(rooms.closeRoom(room));
    }

    @Override
    public CompletionStage<List<RoomAdminModel.Participant>> listParticipants(String name) {
        Room room;
        try {
            room = rooms.requireRoom(name);
        } catch (RoomException e) {
            return CompletableFuture.failedFuture(signaling(e));
        }
        return translated(room.participants().thenCombine(room.tracks(), RoomServiceAdmin::participants));
    }

    @Override
    public CompletionStage<Void> removeParticipant(String room, String identity) {
        return translated(rooms.room(room).map(r -> r.leave(identity, "removed by admin")).orElseGet(
                () -> CompletableFuture.failedFuture(new RoomException(RoomError.ROOM_NOT_FOUND, room))));
    }

    @Override
    public CompletionStage<RoomAdminModel.Track> muteTrack(String room, String identity, String trackSid,
            boolean muted) {
        return translated(rooms.mute(room, identity, trackSid, muted).thenApply(RoomServiceAdmin::track));
    }

    private CompletableFuture<RoomAdminModel.Room> describe(Room room) {
        long creationTime = created.getOrDefault(room, 0L);
        RoomConfig config = room.config();
        return translated(room.participants().thenApply(participants -> new RoomAdminModel.Room(room.name(),
                (int) config.emptyTimeout().toSeconds(), config.maxParticipants(), participants.size(),
                creationTime)));
    }

    private static List<RoomAdminModel.Participant> participants(List<ParticipantInfo> participants,
            List<TrackInfo> tracks) {
        return participants.stream().map(p -> new RoomAdminModel.Participant(p.id(), p.identity(), p.name(), 0,
                tracks.stream().filter(t -> t.participantIdentity().equals(p.identity()))
                        .map(RoomServiceAdmin::track).toList())).toList();
    }

    private static RoomAdminModel.Track track(TrackInfo track) {
        return new RoomAdminModel.Track(track.producerId(), "audio", track.muted());
    }

    /** {@code future} with a {@link RoomException} failure replaced by its {@link SignalingException}. */
    private static <T> CompletableFuture<T> translated(CompletableFuture<T> future) {
        return future.handle((value, failure) -> {
            if (failure == null) {
                return value;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof RoomException room) {
                throw signaling(room);
            }
            throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
        });
    }

    /** The signaling error for a room error; the room layer's message (a name) is not echoed to clients. */
    static SignalingException signaling(RoomException e) {
        return switch (e.error()) {
            case ROOM_NOT_FOUND, ROOM_CLOSED -> new SignalingException(ErrorCode.ROOM_NOT_FOUND, "no such room");
            case ROOM_EXISTS -> new SignalingException(ErrorCode.ROOM_EXISTS, "room already exists");
            case PARTICIPANT_NOT_FOUND -> new SignalingException(ErrorCode.PARTICIPANT_NOT_FOUND,
                    "no such participant");
            case TRACK_NOT_FOUND -> new SignalingException(ErrorCode.TRACK_NOT_FOUND, "no such track");
            case ROOM_LIMIT -> new SignalingException(ErrorCode.RATE_LIMITED, "room limit reached");
            case PARTICIPANT_LIMIT -> new SignalingException(ErrorCode.ROOM_FULL, "the room is full");
            case NOT_ALLOWED -> new SignalingException(ErrorCode.PERMISSION_DENIED, "not allowed in this room");
            case PARTICIPANT_EXISTS -> new SignalingException(ErrorCode.PARTICIPANT_EXISTS,
                    "a participant with this identity is in the room");
            case SSRC_IN_USE -> new SignalingException(ErrorCode.BAD_REQUEST, "conflicts with the room's state");
        };
    }
}
