package io.hivemind.relay.signaling.ws;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Objects;

/**
 * A message from client to server on {@code /ws}, a JSON object whose {@code type} says which. The first message
 * must be {@link Join}; before it only {@link Ping} is answered.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClientMessage.Join.class, name = "join"),
    @JsonSubTypes.Type(value = Negotiation.Offer.class, name = "offer"),
    @JsonSubTypes.Type(value = Negotiation.Answer.class, name = "answer"),
    @JsonSubTypes.Type(value = Negotiation.Trickle.class, name = "trickle"),
    @JsonSubTypes.Type(value = ClientMessage.Mute.class, name = "mute"),
    @JsonSubTypes.Type(value = ClientMessage.Leave.class, name = "leave"),
    @JsonSubTypes.Type(value = ClientMessage.Ping.class, name = "ping")
})
public sealed interface ClientMessage permits ClientMessage.Join, Negotiation.Offer, Negotiation.Answer,
        Negotiation.Trickle, ClientMessage.Mute, ClientMessage.Leave, ClientMessage.Ping {

    /** Joins the room named in the access token's video grant. The token is never echoed or logged. */
    @JsonTypeName("join")
    record Join(String token) implements ClientMessage {
        public Join {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Join[token=<redacted>]";
        }
    }

    /** Mutes or unmutes one of the client's own published tracks. */
    @JsonTypeName("mute")
    record Mute(String trackSid, Boolean muted) implements ClientMessage {
        public Mute {
            Objects.requireNonNull(trackSid, "trackSid");
            Objects.requireNonNull(muted, "muted");
        }
    }

    /** Leaves the room; the server closes the socket with 1000. */
    @JsonTypeName("leave")
    record Leave() implements ClientMessage {
    }

    /** Application-level keepalive (browsers cannot send WebSocket pings); answered by {@code pong}. */
    @JsonTypeName("ping")
    record Ping() implements ClientMessage {
    }
}
