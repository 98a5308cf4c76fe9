package io.hivemind.relay.hub.realtime;

/**
 * Keeps at most one response active on a session, as the protocol requires: a {@code response.create} asked for
 * while one is in progress (or while no session is open) waits for the next {@code response.done}, and several
 * such requests fold into one. A request the server refused because its own VAD response got there first is asked
 * again, and a response cut off by a lost session is asked again on the new one.
 *
 * <p>Each method says whether to send {@code response.create} now. Not thread-safe: owned by the client's loop.
 */
final class ResponseSequencer {

    private boolean active;
    private boolean wanted;

    /** The caller wants a response; {@code sessionOpen} says whether one could be sent now. */
    boolean request(boolean sessionOpen) {
        if (sessionOpen && !active) {
            return sent();
        }
        wanted = true;
        return false;
    }

    /** {@code response.created}: the server started a response (ours or its VAD's). */
    void created() {
        active = true;
    }

    /** {@code response.done}: the active response ended; a waiting request may go now. */
    boolean done() {
        active = false;
        return wanted && sent();
    }

    /** The server refused our request because a response was already active. */
    void refusedAsActive() {
        active = true;
        wanted = true;
    }

    /** The session was lost: a response in progress died with it and is wanted again. */
    void sessionLost() {
        if (active) {
            active = false;
            wanted = true;
        }
    }

    /** A new session is configured: send a waiting request now. */
    boolean sessionOpened() {
        return wanted && sent();
    }

    private boolean sent() {
        wanted = false;
        active = true;
        return true;
    }
}
