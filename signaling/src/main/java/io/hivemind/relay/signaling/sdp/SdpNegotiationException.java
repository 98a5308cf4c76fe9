package io.hivemind.relay.signaling.sdp;

/**
 * A well-formed description we cannot negotiate with; {@link #reason()} is stable, for signaling error codes.
 * Messages never quote credentials.
 */
public final class SdpNegotiationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why negotiation failed. */
    public enum Reason {
        /** No usable {@code m=audio} section (UDP/TLS/RTP/SAVPF, port not 0, bundled). */
        NO_AUDIO,
        /** An audio section without {@code a=rtcp-mux} (RFC 8858): we listen on one port per transport. */
        NO_RTCP_MUX,
        /** No {@code opus/48000/2} among the section's formats. */
        NO_OPUS,
        /** Missing, {@code holdconn}, or inconsistent {@code a=setup}, or an answer that says {@code actpass}. */
        SETUP_CONFLICT,
        /** No {@code a=ice-ufrag} / {@code a=ice-pwd}. */
        MISSING_ICE_CREDENTIALS,
        /** No SHA-256 {@code a=fingerprint}. */
        MISSING_FINGERPRINT,
        /** A section without {@code a=mid}, or two with the same one. */
        INVALID_MID,
        /** An answer whose sections do not match our offer's (RFC 3264 §6). */
        ANSWER_MISMATCH,
        /** A renegotiation that changes the ICE credentials, fingerprint or DTLS role (an ICE restart). */
        TRANSPORT_CHANGED
    }

    private final Reason reason;

    public SdpNegotiationException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
