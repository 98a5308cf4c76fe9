package io.hivemind.relay.signaling.ws;

import io.hivemind.relay.signaling.auth.AccessGrant;

/**
 * The seam between the WebSocket endpoint and the rooms. The endpoint has already verified the join token and
 * checked {@code roomJoin} for the grant's room; the handler joins that room and answers {@code joined} through
 * {@code peer}. Called on the connection's event loop; must not block.
 */
@FunctionalInterface
public interface SignalingSessionHandler {

    /**
     * @throws io.hivemind.relay.signaling.http.SignalingException to refuse (for example {@code room_not_found});
     *     the client gets an error message and the socket closes
     */
    SignalingSession join(AccessGrant grant, SignalingPeer peer);
}
