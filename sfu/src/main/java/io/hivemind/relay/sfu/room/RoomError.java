package io.hivemind.relay.sfu.room;

/** Stable error codes of the room layer; signaling maps them to its protocol and REST error shape. */
public enum RoomError {
    ROOM_NOT_FOUND,
    ROOM_EXISTS,
    ROOM_LIMIT,
    ROOM_CLOSED,
    PARTICIPANT_LIMIT,
    PARTICIPANT_EXISTS,
    PARTICIPANT_NOT_FOUND,
    TRACK_NOT_FOUND,
    SSRC_IN_USE,
    NOT_ALLOWED
}
