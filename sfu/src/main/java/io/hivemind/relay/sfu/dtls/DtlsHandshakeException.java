package io.hivemind.relay.sfu.dtls;

/** Completes {@link DtlsEndpoint#handshakeFuture()} when the handshake fails or the endpoint closes before it ends. */
public final class DtlsHandshakeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient DtlsFailureReason reason;

    DtlsHandshakeException(DtlsFailureReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The failure reason, or {@code null} when the endpoint was closed locally before the handshake ended. */
    public DtlsFailureReason reason() {
        return reason;
    }
}
