package io.hivemind.relay.signaling.http;

import java.time.Duration;

/**
 * A {@link ErrorCode#RATE_LIMITED} refusal that tells the client when to try again: the response carries
 * {@code Retry-After} in whole seconds (RFC 9110 section 10.2.3), rounded up so that a client that waits exactly
 * that long is not refused again.
 */
public final class RateLimitedException extends SignalingException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public RateLimitedException(String message, Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, message);
        long millis = Math.max(0, retryAfter.toMillis());
        this.retryAfterSeconds = Math.max(1, (millis + 999) / 1000);
    }

    /** When to try again, in whole seconds (at least 1). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
