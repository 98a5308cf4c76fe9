package io.hivemind.relay.signaling.rest;

import java.util.List;
import java.util.Objects;

/** The JSON values of the room REST API (field names are the wire names). */
public final class RoomAdminModel {

    private RoomAdminModel() {
    }

    /**
     * POST /api/rooms body.
     *
     * @param emptyTimeout seconds a room nobody joins stays open, or null (or 0) for the server default
     * @param maxParticipants the participant cap, or null (0 = unlimited)
     */
    public record CreateRoom(String name, Integer emptyTimeout, Integer maxParticipants) {
        public CreateRoom {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.length() > 128) {
                throw new IllegalArgumentException("room name must be 1 to 128 characters");
            }
            if (emptyTimeout != null && emptyTimeout < 0 || maxParticipants != null && maxParticipants < 0) {
                throw new IllegalArgumentException("negative limit");
            }
        }
    }

    /** A room as listed. {@code creationTime} is Unix seconds. */
    public record Room(String name, int emptyTimeout, int maxParticipants, int numParticipants,
            long creationTime) {
    }

    /** A participant as listed. {@code joinedAt} is Unix seconds. */
    public record Participant(String sid, String identity, String name, long joinedAt, List<Track> tracks) {
        public Participant {
            tracks = List.copyOf(tracks);
        }
    }

    /** A published track; {@code kind} is "audio" for now. */
    public record Track(String sid, String kind, boolean muted) {
    }

    /** POST .../mute body. */
    public record Mute(Boolean muted) {
        public Mute {
            Objects.requireNonNull(muted, "muted");
        }
    }

    /** GET /api/rooms answer. */
    public record RoomList(List<Room> rooms) {
    }

    /** GET /api/rooms/{room}/participants answer. */
    public record ParticipantList(List<Participant> participants) {
    }
}
