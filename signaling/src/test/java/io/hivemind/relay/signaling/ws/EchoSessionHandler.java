package io.hivemind.relay.signaling.ws;

import io.hivemind.relay.signaling.auth.AccessGrant;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Test-only session handler: answers join with joined, an offer with an answer carrying the same SDP, a trickle
 * with the same candidate, a mute with muted; refuses the room "closed" with room_not_found; counts closes.
 */
public final class EchoSessionHandler implements SignalingSessionHandler {

    public final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public SignalingSession join(AccessGrant grant, SignalingPeer peer) {
        if ("closed".equals(grant.video().room())) {
            throw new SignalingException(ErrorCode.ROOM_NOT_FOUND, "room is closed");
        }
        ServerMessage.Participant me = new ServerMessage.Participant("PA_1", grant.identity(), grant.name(),
                List.of());
        peer.send(new ServerMessage.Joined(grant.video().room(), me, List.of()));
        return new SignalingSession() {
            @Override
            public void onMessage(ClientMessage message) {
                if (message instanceof Negotiation.Offer offer) {
                    peer.send(new Negotiation.Answer(offer.sdp()));
                } else if (message instanceof Negotiation.Trickle trickle) {
                    peer.send(trickle);
                } else if (message instanceof ClientMessage.Mute mute) {
                    peer.send(new ServerMessage.Muted("PA_1", mute.trackSid(), mute.muted(), false));
                } else if (message instanceof Negotiation.Answer) {
                    throw new IllegalStateException("no offer pending (internal detail)");
                }
            }

            @Override
            public void onClose() {
                closed.countDown();
            }
        };
    }
}
