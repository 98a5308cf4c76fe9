package io.hivemind.relay.server.store;

import java.util.Objects;

/**
 * What is known when a call starts.
 *
 * @param caller  who called: a participant identity or a paired device id
 * @param agentId the agent called
 * @param room    the relay room of a {@link CallMode#ROOM} call; null for BYOK
 */
public record NewCall(String caller, String agentId, CallMode mode, String room) {

    static final int MAX_TEXT = 256;

    public NewCall {
        requireText("caller", caller);
        requireText("agentId", agentId);
        Objects.requireNonNull(mode, "mode");
        if (mode == CallMode.ROOM) {
            requireText("room", room);
        } else if (room != null && room.length() > MAX_TEXT) {
            throw new IllegalArgumentException("room longer than " + MAX_TEXT + " characters");
        }
    }

    private static void requireText(String what, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(what + " must be 1.." + MAX_TEXT + " characters");
        }
    }
}
