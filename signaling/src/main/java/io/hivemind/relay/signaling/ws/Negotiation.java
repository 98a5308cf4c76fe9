package io.hivemind.relay.signaling.ws;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Objects;

/**
 * The messages both sides send while negotiating a transport: SDP offers and answers (RFC 8829 JSEP) and
 * trickled ICE candidates (RFC 8838). The client offers to publish; the server offers to add subscriptions.
 */
public final class Negotiation {

    private Negotiation() {
    }

    /** {@code {"type":"offer","sdp":"v=0..."}}. */
    @JsonTypeName("offer")
    public record Offer(String sdp) implements ClientMessage, ServerMessage {
        public Offer {
            Objects.requireNonNull(sdp, "sdp");
        }
    }

    /** {@code {"type":"answer","sdp":"v=0..."}}. */
    @JsonTypeName("answer")
    public record Answer(String sdp) implements ClientMessage, ServerMessage {
        public Answer {
            Objects.requireNonNull(sdp, "sdp");
        }
    }

    /**
     * One ICE candidate, shaped like the browser's RTCIceCandidateInit; an empty {@code candidate} ends the
     * candidates of that m-line.
     */
    @JsonTypeName("trickle")
    public record Trickle(String candidate, String sdpMid, Integer sdpMLineIndex)
            implements ClientMessage, ServerMessage {
        public Trickle {
            Objects.requireNonNull(candidate, "candidate");
            if (sdpMid == null && sdpMLineIndex == null) {
                throw new IllegalArgumentException("trickle needs sdpMid or sdpMLineIndex");
            }
            if (sdpMLineIndex != null && sdpMLineIndex < 0) {
                throw new IllegalArgumentException("negative sdpMLineIndex");
            }
        }
    }
}
