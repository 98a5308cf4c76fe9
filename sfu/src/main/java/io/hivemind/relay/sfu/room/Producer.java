package io.hivemind.relay.sfu.room;

import io.hivemind.relay.media.rtp.ReceptionStatistics;

import java.util.ArrayList;
import java.util.List;

/**
 * An incoming audio track of one participant. Owned by its room's event loop: no field may be touched elsewhere.
 * A republish (same mid, new SSRC) keeps the producer and its consumers and only swaps the source line.
 */
public final class Producer {
    private final String id;
    private final Participant participant;
    private final String mid;
    private final RetransmissionBuffer retransmissions;
    final List<Consumer> consumers = new ArrayList<>();
    private int ssrc;
    private int payloadType;
    private int audioLevelExtensionId;
    private boolean nack;
    private boolean publisherMuted;
    private boolean serverMuted;
    private ReceptionStatistics statistics = new ReceptionStatistics(StreamRewriter.CLOCK_RATE);
    /** Middle 32 bits of the publisher's last SR NTP time (the LSR we echo), and when it arrived. */
    private long lastSenderReport;
    private long lastSenderReportNanos;
    /** Audio level sums of the current active-speaker interval, in loudness units (127 = 0 dBov). */
    int levelSum;
    int levelCount;
    double smoothedLoudness;

    Producer(String id, Participant participant, TrackOptions options, int retransmissionSlots) {
        this.id = id;
        this.participant = participant;
        this.mid = options.mid();
        this.retransmissions = new RetransmissionBuffer(retransmissionSlots);
        apply(options);
    }

    /** Takes the negotiated source parameters; a new SSRC starts a new source line for every consumer. */
    void apply(TrackOptions options) {
        boolean newSource = options.ssrc() != ssrc;
        ssrc = options.ssrc();
        payloadType = options.opusPayloadType();
        audioLevelExtensionId = options.audioLevelExtensionId();
        nack = options.nack();
        if (newSource) {
            retransmissions.clear();
            statistics = new ReceptionStatistics(StreamRewriter.CLOCK_RATE);
            lastSenderReport = 0;
            for (int i = 0; i < consumers.size(); i++) {
                consumers.get(i).rewriter().resync();
            }
        }
    }

    public String id() {
        return id;
    }

    public Participant participant() {
        return participant;
    }

    public String mid() {
        return mid;
    }

    public int ssrc() {
        return ssrc;
    }

    public int payloadType() {
        return payloadType;
    }

    public int audioLevelExtensionId() {
        return audioLevelExtensionId;
    }

    public boolean nack() {
        return nack;
    }

    /** Whether forwarding is stopped: the publisher muted the track, or an admin did (a server mute). */
    public boolean muted() {
        return publisherMuted || serverMuted;
    }

    /** Whether the publisher itself muted the track. */
    public boolean publisherMuted() {
        return publisherMuted;
    }

    /** Whether an admin muted the track; only an admin lifts it (LiveKit's MutePublishedTrack). */
    public boolean serverMuted() {
        return serverMuted;
    }

    /**
     * Sets the publisher's or the server's mute flag; forwarding resumes only when neither is set, and a resume
     * starts a new epoch on every consumer.
     *
     * @return whether the flag changed
     */
    boolean setMuted(boolean muted, boolean byServer) {
        if ((byServer ? serverMuted : publisherMuted) == muted) {
            return false;
        }
        boolean wasMuted = muted();
        if (byServer) {
            serverMuted = muted;
        } else {
            publisherMuted = muted;
        }
        if (wasMuted && !muted()) {
            for (int i = 0; i < consumers.size(); i++) {
                consumers.get(i).rewriter().resync();
            }
        }
        return true;
    }

    /** Receive statistics of the current source (RFC 3550 Appendix A). */
    public ReceptionStatistics statistics() {
        return statistics;
    }

    /** Consumers of this producer, one per subscriber; a copy. */
    public List<Consumer> consumers() {
        return List.copyOf(consumers);
    }

    RetransmissionBuffer retransmissions() {
        return retransmissions;
    }

    void onSenderReport(long ntpMiddle32, long nowNanos) {
        lastSenderReport = ntpMiddle32;
        lastSenderReportNanos = nowNanos;
    }

    long lastSenderReport() {
        return lastSenderReport;
    }

    long lastSenderReportNanos() {
        return lastSenderReportNanos;
    }

    void onAudioLevel(int level) {
        levelSum += 127 - level;
        levelCount++;
    }

    /** Releases the retransmission buffer. */
    void close() {
        retransmissions.clear();
    }

    public TrackInfo info() {
        return new TrackInfo(id, participant.identity(), mid, ssrc, payloadType, publisherMuted, serverMuted);
    }

    @Override
    public String toString() {
        return "Producer[" + id + " " + participant.identity() + " mid=" + mid + " ssrc=" + Integer.toUnsignedString(
                ssrc) + "]";
    }
}
