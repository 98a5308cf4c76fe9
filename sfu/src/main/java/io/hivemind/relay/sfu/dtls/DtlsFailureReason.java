package io.hivemind.relay.sfu.dtls;

/** Why a DTLS-SRTP handshake failed; each is counted in {@link DtlsCounters}. */
public enum DtlsFailureReason {
    /**
     * The peer's certificate chain was empty or its leaf does not hash to the SDP {@code a=fingerprint}
     * (RFC 8122 §5, RFC 5763 §5): we sent a fatal bad_certificate alert.
     */
    FINGERPRINT_MISMATCH,
    /** No handshake completed within the configured timeout (includes a silent peer). */
    HANDSHAKE_TIMEOUT,
    /** No use_srtp extension, or no protection profile both sides support (RFC 5764 §4.1.1). */
    NO_SRTP_PROFILE,
    /** The peer sent a fatal alert. */
    PEER_ALERT,
    /** Anything else the DTLS stack rejected: malformed records, unsupported versions or suites, I/O errors. */
    PROTOCOL_ERROR
}
