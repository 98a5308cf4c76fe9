package io.hivemind.relay.sfu.dtls;

/**
 * Lifecycle of a {@link DtlsEndpoint}. Transitions only move forward: NEW → CONNECTING → CONNECTED → CLOSED, with
 * FAILED reachable from CONNECTING and CLOSED from any state. FAILED and CLOSED are terminal.
 */
public enum DtlsState {
    /** Created; the handshake task has not been started. */
    NEW,
    /** The handshake runs on the handshake executor. */
    CONNECTING,
    /** Handshake done, fingerprint verified, SRTP keying material exported. */
    CONNECTED,
    /** The handshake failed; see {@link DtlsFailureReason}. No keys were delivered. */
    FAILED,
    /** Closed locally, or the peer sent close_notify or broke the connection after the handshake. */
    CLOSED;

    /** True for FAILED and CLOSED. */
    public boolean isTerminal() {
        return this == FAILED || this == CLOSED;
    }
}
