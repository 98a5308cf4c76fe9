package io.hivemind.relay.media.jitter;

/**
 * The reusable answer of {@link JitterBuffer#poll}: one decision plus what the caller needs to act on it. The
 * payload array belongs to the buffer: read {@code payload()[0 .. payloadLength())} before the next {@code insert}
 * or {@code poll}, never keep it. One instance per buffer, reused for every poll, so polling allocates nothing.
 */
public final class Playout {
    private static final byte[] NO_PAYLOAD = new byte[0];

    private PlayoutDecision decision = PlayoutDecision.NOT_STARTED;
    private byte[] payload = NO_PAYLOAD;
    private int payloadLength;
    private int samples;
    private int skippedSamples;
    private int sequenceNumber = -1;
    private long timestamp = -1;

    public PlayoutDecision decision() {
        return decision;
    }

    /** The packet to decode for PLAY, FEC and ACCELERATE; an empty array otherwise. */
    public byte[] payload() {
        return payload;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** RTP clock ticks of audio the caller renders for this decision (decoded, recovered, concealed or silent). */
    public int samples() {
        return samples;
    }

    /** For ACCELERATE: RTP clock ticks of media time skipped without rendering. */
    public int skippedSamples() {
        return skippedSamples;
    }

    /** 16-bit RTP sequence number of the payload's packet, or -1 without payload. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** 32-bit RTP timestamp of the rendered frame (for FEC: of the recovered frame), or -1 before the start. */
    public long timestamp() {
        return timestamp;
    }

    void set(PlayoutDecision decision, int samples, long timestamp) {
        this.decision = decision;
        this.samples = samples;
        this.timestamp = timestamp & 0xFFFF_FFFFL;
        this.payload = NO_PAYLOAD;
        this.payloadLength = 0;
        this.skippedSamples = 0;
        this.sequenceNumber = -1;
    }

    void notStarted(int samples) {
        set(PlayoutDecision.NOT_STARTED, samples, 0);
        timestamp = -1;
    }

    void payload(byte[] payload, int length, int sequenceNumber) {
        this.payload = payload;
        this.payloadLength = length;
        this.sequenceNumber = sequenceNumber & 0xFFFF;
    }

    void skipped(int skippedSamples) {
        this.skippedSamples = skippedSamples;
    }

    @Override
    public String toString() {
        return "Playout[" + decision + ", samples=" + samples + ", skipped=" + skippedSamples + ", seq="
                + sequenceNumber + ", ts=" + timestamp + ", payload=" + payloadLength + " B]";
    }
}
