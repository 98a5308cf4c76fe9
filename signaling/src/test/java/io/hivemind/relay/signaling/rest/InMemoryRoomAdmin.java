package io.hivemind.relay.signaling.rest;

import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Test-only {@link RoomAdmin}: rooms and participants in maps, answered asynchronously like a room loop would. */
public final class InMemoryRoomAdmin implements RoomAdmin {

    private final Map<String, RoomAdminModel.Room> rooms = new LinkedHashMap<>();
    private final Map<String, List<RoomAdminModel.Participant>> participants = new LinkedHashMap<>();

    /** Adds a participant with one audio track to {@code room}. */
    public synchronized void addParticipant(String room, String identity, String trackSid) {
        participants.computeIfAbsent(room, r -> new ArrayList<>()).add(new RoomAdminModel.Participant(
                "PA_" + identity, identity, identity, 1_700_000_000L,
                List.of(new RoomAdminModel.Track(trackSid, "audio", false))));
    }

    @Override
    public synchronized CompletionStage<RoomAdminModel.Room> createRoom(RoomAdminModel.CreateRoom request) {
        if (rooms.containsKey(request.name())) {
            return failed(ErrorCode.ROOM_EXISTS, "room exists");
        }
        RoomAdminModel.Room room = new RoomAdminModel.Room(request.name(),
                request.emptyTimeout() == null ? 300 : request.emptyTimeout(),
                request.maxParticipants() == null ? 0 : request.maxParticipants(), 0, 1_700_000_000L);
        rooms.put(room.name(), room);
        return CompletableFuture.supplyAsync(() -> room);
    }

    @Override
    public synchronized CompletionStage<List<RoomAdminModel.Room>> listRooms() {
        return CompletableFuture.completedFuture(List.copyOf(rooms.values()));
    }

    @Override
    public synchronized CompletionStage<Void> deleteRoom(String room) {
        if (rooms.remove(room) == null) {
            return failed(ErrorCode.ROOM_NOT_FOUND, "no such room");
        }
        participants.remove(room);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<List<RoomAdminModel.Participant>> listParticipants(String room) {
        if (!rooms.containsKey(room)) {
            return failed(ErrorCode.ROOM_NOT_FOUND, "no such room");
        }
        return CompletableFuture.completedFuture(List.copyOf(participants.getOrDefault(room, List.of())));
    }

    @Override
    public synchronized CompletionStage<Void> removeParticipant(String room, String identity) {
        List<RoomAdminModel.Participant> list = participants.getOrDefault(room, new ArrayList<>());
        if (!list.removeIf(p -> p.identity().equals(identity))) {
            return failed(ErrorCode.PARTICIPANT_NOT_FOUND, "no such participant");
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<RoomAdminModel.Track> muteTrack(String room, String identity,
            String trackSid, boolean muted) {
        for (RoomAdminModel.Participant p : participants.getOrDefault(room, List.of())) {
            if (p.identity().equals(identity)) {
                for (RoomAdminModel.Track track : p.tracks()) {
                    if (track.sid().equals(trackSid)) {
                        return CompletableFuture.completedFuture(
                                new RoomAdminModel.Track(track.sid(), track.kind(), muted));
                    }
                }
                return failed(ErrorCode.TRACK_NOT_FOUND, "no such track");
            }
        }
        return failed(ErrorCode.PARTICIPANT_NOT_FOUND, "no such participant");
    }

    private static <T> CompletionStage<T> failed(ErrorCode code, String message) {
        return CompletableFuture.failedFuture(new SignalingException(code, message));
    }
}
