package io.hivemind.relay.sfu.room;

/** A request the room layer refused, with a stable {@link RoomError} code. */
public final class RoomException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final RoomError error;

    public RoomException(RoomError error, String message) {
        super(error + ": " + message, null, false, false);
        this.error = error;
    }

    public RoomError error() {
        return error;
    }
}
