package io.hivemind.relay.sfu.dtls;

/** Why {@link DtlsEndpoint#offer} refused a datagram; each is counted in {@link DtlsCounters}. */
public enum DtlsDropReason {
    /** The bounded queue toward the DTLS thread is full; DTLS retransmission recovers the loss. */
    QUEUE_FULL,
    /** Larger than the DTLS receive limit. */
    OVERSIZED,
    /** The endpoint already failed or closed. */
    ENDPOINT_CLOSED
}
