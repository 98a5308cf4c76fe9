package io.hivemind.relay.signaling.ws;

/**
 * One joined participant's signaling, created by {@link SignalingSessionHandler#join}. Called on the connection's
 * event loop, one call at a time; it must not block (enter the room through its run(task) method).
 */
public interface SignalingSession {

    /**
     * A message after join: offer, answer, trickle, mute or leave (join and ping are handled by the endpoint).
     * Throwing a {@link io.hivemind.relay.signaling.http.SignalingException} sends an error message to the client;
     * any other exception sends {@code internal}.
     */
    void onMessage(ClientMessage message);

    /** The socket closed (leave, error, network loss, idle timeout): release everything, exactly once. */
    void onClose();
}
