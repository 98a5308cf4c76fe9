package io.hivemind.relay.sfu.ice;

import io.hivemind.relay.media.stun.StunError;
import io.hivemind.relay.sfu.transport.TransportEndpoint.StunResult;

/**
 * What {@link IceLiteServer#handle} did with one STUN message: answered it with success, answered it with an error,
 * or dropped it silently. Only {@link #SUCCESS} and {@link #NOMINATED} changed any state.
 */
public enum IceCheckOutcome {
    /** Authenticated Binding request answered with a success response; consent refreshed. */
    SUCCESS(null),
    /** As {@link #SUCCESS}, and USE-CANDIDATE nominated the source tuple (RFC 8445 §7.3.1.5). */
    NOMINATED(null),
    /** Not a Binding request, no PRIORITY, or USERNAME/MESSAGE-INTEGRITY missing (RFC 8489 §6.3, §9.1.3). */
    BAD_REQUEST(StunError.BAD_REQUEST),
    /** USERNAME is not ours or MESSAGE-INTEGRITY does not verify (RFC 8489 §9.1.3). */
    UNAUTHORIZED(StunError.UNAUTHORIZED),
    /** Unknown comprehension-required attributes (RFC 8489 §6.3.1); the answer lists them. */
    UNKNOWN_ATTRIBUTE(StunError.UNKNOWN_ATTRIBUTE),
    /** The peer claims the controlled role while a lite agent is always controlled (RFC 8445 §6.1.1, §7.3.1.1). */
    ROLE_CONFLICT(StunError.ROLE_CONFLICT),
    /** FINGERPRINT missing or wrong: not a STUN message meant for us, silently discarded (RFC 8489 §7.3). */
    DROPPED_FINGERPRINT(null),
    /** An indication or a response: a lite agent sends no requests, so nothing is answered (RFC 8489 §6.3.2). */
    DROPPED_NOT_REQUEST(null),
    /** The server is closed (consent lost): its credentials must not be used again (RFC 7675 §5.1). */
    DROPPED_CLOSED(null);

    private final StunError error;

    IceCheckOutcome(StunError error) {
        this.error = error;
    }

    /** The ERROR-CODE answered, or null for a success response or a drop. */
    public StunError error() {
        return error;
    }

    /** Whether a response was written to the output buffer. */
    public boolean responds() {
        return this == SUCCESS || this == NOMINATED || error != null;
    }

    /** How a media socket counts this outcome. */
    public StunResult stunResult() {
        return this == SUCCESS || this == NOMINATED ? StunResult.ACCEPTED
                : error != null ? StunResult.REJECTED : StunResult.IGNORED;
    }

    /** Whether the request authenticated (the error responses that follow authentication carry MESSAGE-INTEGRITY). */
    public boolean authenticated() {
        return this == SUCCESS || this == NOMINATED || this == UNKNOWN_ATTRIBUTE || this == ROLE_CONFLICT;
    }
}
