package io.hivemind.relay.signaling.ws;

/**
 * The client end of one signaling WebSocket, as the room layer sees it. Thread-safe: a room's event loop may
 * call it directly (writes are queued onto the connection's event loop).
 */
public interface SignalingPeer {

    /** Sends {@code message}; dropped silently once the socket is closed. */
    void send(ServerMessage message);

    /** Sends {@code left} with {@code reason}, then closes the socket with 1000 (normal closure). */
    void leave(String reason);

    /** A short label for logs (remote address), never a token. */
    String label();
}
