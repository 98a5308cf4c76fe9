package io.hivemind.relay.hub.realtime;

/**
 * Minting a client secret failed. The message is ours; at most the upstream error {@code code} is carried over,
 * never the upstream message (which can echo part of the key) nor any secret.
 */
public final class ClientSecretException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for the caller to map to its own status codes. */
    public enum Kind {
        /** The upstream refused the key (401/403). */
        UNAUTHORIZED,
        /** The upstream refused the request (another 4xx), for example an invalid session. */
        REJECTED,
        /** The upstream asked us to slow down (429). */
        RATE_LIMITED,
        /** The upstream failed (5xx). */
        UPSTREAM_ERROR,
        /** A 2xx answer without a usable secret. */
        BAD_RESPONSE,
        /** No answer: connection refused, reset or unresolvable. */
        UNREACHABLE,
        /** No answer within the timeout. */
        TIMEOUT
    }

    private final Kind kind;
    private final int status;
    private final String upstreamCode;

    ClientSecretException(Kind kind, int status, String upstreamCode, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.upstreamCode = upstreamCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The upstream HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The upstream {@code error.code} (or {@code error.type}), or null. */
    public String upstreamCode() {
        return upstreamCode;
    }
}
