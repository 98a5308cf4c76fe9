package io.hivemind.relay.media.jitter;

/** What {@link JitterBuffer#insert} did with a packet; every outcome other than {@link #QUEUED} is counted. */
public enum InsertResult {
    /** Stored for playout. */
    QUEUED,
    /** Same sequence number as a packet already buffered or already played: discarded. */
    DUPLICATE,
    /** Its playout time has passed (or the stream moved on beyond it): discarded. */
    LATE,
    /** Payload longer than {@code maxPayloadBytes}, or a negative length: discarded. */
    OVERSIZE,
    /**
     * A sequence number or timestamp jump that looks like a restarted stream: held aside (not played yet) until the
     * next packet confirms the new stream, then the buffer resynchronises to it.
     */
    RESTART_PENDING,
    /** Confirmed a restart: the old stream's packets were flushed and this one and the held packet were stored. */
    RESYNCED
}
