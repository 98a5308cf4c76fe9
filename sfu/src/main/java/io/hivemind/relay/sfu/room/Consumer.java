package io.hivemind.relay.sfu.room;

/**
 * One subscriber's view of one producer: its own SSRC and a {@link StreamRewriter} line, so the subscriber sees a
 * single continuous stream whatever the producer does. Owned by the room's event loop.
 */
public final class Consumer {
    private final Participant subscriber;
    private final Producer producer;
    private final int ssrc;
    private final int payloadType;
    private final int audioLevelExtensionId;
    private final StreamRewriter rewriter;
    private boolean paused;
    long packetsSent;
    long octetsSent;

    Consumer(Participant subscriber, Producer producer, int ssrc, int payloadType, int initialSeq, int initialTs) {
        this.subscriber = subscriber;
        this.producer = producer;
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.audioLevelExtensionId = subscriber.options().audioLevelExtensionId();
        this.rewriter = new StreamRewriter(initialSeq, initialTs);
    }

    public Participant subscriber() {
        return subscriber;
    }

    public Producer producer() {
        return producer;
    }

    /** The SSRC the subscriber receives this producer as. */
    public int ssrc() {
        return ssrc;
    }

    public int payloadType() {
        return payloadType;
    }

    /** The subscriber's RFC 6464 extension id, 0 when it receives no audio levels. */
    public int audioLevelExtensionId() {
        return audioLevelExtensionId;
    }

    /** A paused consumer forwards nothing. */
    public boolean paused() {
        return paused;
    }

    void setPaused(boolean paused) {
        if (this.paused && !paused) {
            rewriter.resync();
        }
        this.paused = paused;
    }

    /** RTP packets sent (SR sender's packet count, RFC 3550 §6.4.1). */
    public long packetsSent() {
        return packetsSent;
    }

    /** Payload octets sent (SR sender's octet count). */
    public long octetsSent() {
        return octetsSent;
    }

    StreamRewriter rewriter() {
        return rewriter;
    }

    @Override
    public String toString() {
        return "Consumer[" + subscriber.identity() + " <- " + producer.id() + " ssrc=" + Integer.toUnsignedString(
                ssrc) + "]";
    }
}
