package io.hivemind.relay.hub.realtime;

import java.time.Duration;

/**
 * Receives what a {@link RealtimeClient} hears. Every method runs on the client's event loop: do not block in them
 * (hand tool calls and other slow work to an executor).
 */
public interface RealtimeListener {

    /** A decoded server event, in arrival order, including those of a session opened after a reconnect. */
    void onEvent(RealtimeServerEvent event);

    /** The connection was lost or the session expired; attempt {@code attempt} starts after {@code delay}. */
    default void onReconnecting(int attempt, Duration delay, String reason) {
    }

    /** A new session is configured and its history replayed, {@code gap} after the previous one was lost. */
    default void onReconnected(Duration gap) {
    }

    /** The client stopped for good: closed by its owner, a fatal error, or too many failed attempts. */
    default void onClosed(String reason) {
    }
}
