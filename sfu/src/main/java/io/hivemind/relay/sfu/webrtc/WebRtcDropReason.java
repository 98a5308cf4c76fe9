package io.hivemind.relay.sfu.webrtc;

import io.hivemind.relay.media.srtp.SrtpStatus;

/** Why a {@link WebRtcTransport} dropped a packet it was handed; counted in {@link WebRtcCounters}. */
public enum WebRtcDropReason {
    /** SRTP/SRTCP arrived before DTLS delivered keys, or before the transport joined a room. */
    INBOUND_NOT_READY,
    /** The SRTP/SRTCP authentication tag did not verify (RFC 3711 §3.3 step 5): forged or corrupted. */
    INBOUND_AUTH_FAILED,
    /** A replayed or too old index (RFC 3711 §3.3.2). */
    INBOUND_REPLAYED,
    /** Too short, too long, not version 2. */
    INBOUND_MALFORMED,
    /** The context tracks no more SSRCs, or its key is exhausted (RFC 3711 §9.2). */
    INBOUND_REJECTED,
    /** The room sent before SRTP was ready or after the transport failed or closed. */
    OUTBOUND_NOT_READY,
    /** Protecting failed (no tailroom, malformed, stream limit, key exhausted). */
    OUTBOUND_PROTECT_FAILED,
    /** A DTLS datagram the endpoint refused (closed, oversized, queue full), or one to send with no tuple. */
    DTLS_DROPPED,
    /**
     * A DTLS record after the handshake ended Bouncy Castle's association without a close_notify (1.84 fails the
     * connection on an epoch-1 record that does not decrypt, where RFC 6347 §4.1.2.7 says to discard it). Media goes
     * on with the negotiated SRTP keys; ICE consent still ends a dead peer.
     */
    DTLS_FAILED_AFTER_HANDSHAKE;

    /** The reason for an inbound SRTP/SRTCP status other than OK. */
    static WebRtcDropReason inbound(SrtpStatus status) {
        return switch (status) {
            case AUTH_FAILED -> INBOUND_AUTH_FAILED;
            case REPLAYED, TOO_OLD -> INBOUND_REPLAYED;
            case TOO_SHORT, TOO_LONG, MALFORMED, NO_TAILROOM -> INBOUND_MALFORMED;
            case STREAM_LIMIT, KEY_EXHAUSTED -> INBOUND_REJECTED;
            case OK -> throw new IllegalArgumentException("OK is not a drop");
        };
    }
}
