package io.hivemind.relay.signaling.http;

import java.util.Objects;

/**
 * A failure a client is told about: a stable {@link ErrorCode} plus a message written for clients. The message
 * must never contain a token, a secret or internal detail; {@link HttpErrors} sends it verbatim.
 */
public class SignalingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public SignalingException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
