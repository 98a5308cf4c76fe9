package io.hivemind.relay.signaling.http;

/** A 405 that also carries the {@code Allow} header value (RFC 9110 section 15.5.6 requires it). */
public final class MethodNotAllowedException extends SignalingException {

    private static final long serialVersionUID = 1L;

    private final String allow;

    public MethodNotAllowedException(String allow) {
        super(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed; allowed: " + allow);
        this.allow = allow;
    }

    /** Comma-separated methods the path accepts. */
    public String allow() {
        return allow;
    }
}
