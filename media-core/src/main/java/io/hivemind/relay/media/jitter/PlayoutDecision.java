package io.hivemind.relay.media.jitter;

/**
 * What the caller must render for one {@link JitterBuffer#poll} (the NetEQ operations normal / expand / accelerate /
 * preemptive expand, frame-granular). "Payload" is {@link Playout#payload()}, "samples" {@link Playout#samples()}.
 */
public enum PlayoutDecision {
    /** No packet has arrived yet (or the stream restarted and is refilling): render {@code samples} of silence. */
    NOT_STARTED,
    /**
     * The sender is quiet (DTX / talk-spurt gap with no sequence gap) or the buffer has been empty for longer than
     * {@code maxConcealMs}: render {@code samples} of silence or comfort noise (for Opus DTX, the decoder's PLC
     * produces comfort noise). Nothing is lost. {@link Playout#skippedSamples()} may be non-zero: silent media time
     * the buffer skipped to lower its delay, which needs no rendering either.
     */
    SILENCE,
    /** Decode the payload normally; it yields {@code samples} of audio. */
    PLAY,
    /**
     * The wanted frame is lost but the packet that follows it is here: decode the wanted frame from the payload's
     * in-band FEC (Opus LBRR, {@code decode_fec=1}) for {@code samples} samples. The payload stays buffered and is
     * returned again as {@link #PLAY} by the next poll.
     */
    FEC,
    /** The wanted frame is lost and nothing can recover it: run the decoder's packet loss concealment for
     * {@code samples} samples. */
    CONCEAL,
    /**
     * The buffer holds more delay than the target: it skipped {@link Playout#skippedSamples()} of audio (a buffered
     * packet it dropped, or lost/silent time it did not conceal). Decode the payload normally exactly as for
     * {@link #PLAY}; the output is shorter than the media time it covers, which is what lowers the delay.
     */
    ACCELERATE,
    /**
     * Preemptive expand: the buffer holds less delay than the target, so it hands out no packet this time. Render
     * {@code samples} of packet loss concealment (the decoder's PLC continues the waveform); the buffered audio is
     * played one frame later, which raises the delay by one frame.
     */
    STRETCH
}
