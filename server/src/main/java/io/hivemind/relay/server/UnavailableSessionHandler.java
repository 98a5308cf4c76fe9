package io.hivemind.relay.server;

import io.hivemind.relay.signaling.auth.AccessGrant;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import io.hivemind.relay.signaling.ws.SignalingPeer;
import io.hivemind.relay.signaling.ws.SignalingSession;
import io.hivemind.relay.signaling.ws.SignalingSessionHandler;

/**
 * The WebSocket session handler until WebRTC sessions are wired to the rooms: it refuses every join, after the
 * endpoint checked the token, with a stable code and a plain message, so a client learns why instead of waiting
 * for media that never comes.
 */
final class UnavailableSessionHandler implements SignalingSessionHandler {

    static final String MESSAGE = "media sessions are not available yet";

    @Override
    public SignalingSession join(AccessGrant grant, SignalingPeer peer) {
        throw new SignalingException(ErrorCode.INTERNAL, MESSAGE);
    }
}
