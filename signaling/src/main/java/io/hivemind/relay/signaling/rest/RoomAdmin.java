package io.hivemind.relay.signaling.rest;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The room operations the REST API exposes, implemented by the SFU's room service. Each call may hop to the
 * event loop that owns the room, so it answers asynchronously; a missing room, participant or track completes
 * exceptionally with a {@link io.hivemind.relay.signaling.http.SignalingException} whose code is
 * {@code ROOM_NOT_FOUND}, {@code PARTICIPANT_NOT_FOUND} or {@code TRACK_NOT_FOUND}; creating an existing room
 * answers {@code ROOM_EXISTS}.
 */
public interface RoomAdmin {

    CompletionStage<RoomAdminModel.Room> createRoom(RoomAdminModel.CreateRoom request);

    CompletionStage<List<RoomAdminModel.Room>> listRooms();

    /** Closes the room: every participant is disconnected. */
    CompletionStage<Void> deleteRoom(String room);

    CompletionStage<List<RoomAdminModel.Participant>> listParticipants(String room);

    /** Disconnects {@code identity} from {@code room}. */
    CompletionStage<Void> removeParticipant(String room, String identity);

    /**
     * Server-side mute: sets or clears the track's server mute, which the publisher cannot lift; the track forwards
     * only while neither it nor the publisher's own mute is set. The answer's {@code muted} is whether either is.
     */
    CompletionStage<RoomAdminModel.Track> muteTrack(String room, String identity, String trackSid, boolean muted);
}
