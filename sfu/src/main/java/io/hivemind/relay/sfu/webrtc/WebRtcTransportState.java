package io.hivemind.relay.sfu.webrtc;

/**
 * Lifecycle of a {@link WebRtcTransport}: NEW → CONNECTING → CONNECTED, then FAILED or CLOSED. FAILED (DTLS failed
 * or ended, ICE consent lost) makes the next room tick remove the participant, which closes the transport.
 */
public enum WebRtcTransportState {
    /** Created and registered; no authenticated ICE check yet. */
    NEW,
    /** ICE selected a tuple; the DTLS handshake runs. */
    CONNECTING,
    /** DTLS done, fingerprint verified, SRTP contexts installed: media flows. */
    CONNECTED,
    /** DTLS failed or the association ended, or ICE consent expired; waiting to be closed. */
    FAILED,
    /** Closed: unregistered, DTLS and ICE closed. Terminal. */
    CLOSED
}
