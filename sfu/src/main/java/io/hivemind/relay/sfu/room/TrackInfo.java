package io.hivemind.relay.sfu.room;

/**
 * An immutable snapshot of a producer (a published audio track).
 *
 * @param publisherMuted the publisher muted the track itself
 * @param serverMuted    an admin muted the track; the publisher cannot lift it
 */
public record TrackInfo(String producerId, String participantIdentity, String mid, int ssrc, int payloadType,
                        boolean publisherMuted, boolean serverMuted) {

    /** A track with no server mute, muted or not by its publisher. */
    public TrackInfo(String producerId, String participantIdentity, String mid, int ssrc, int payloadType,
                     boolean publisherMuted) {
        this(producerId, participantIdentity, mid, ssrc, payloadType, publisherMuted, false);
    }

    /** Whether the track is forwarded to nobody: muted by its publisher, by the server, or both. */
    public boolean muted() {
        return publisherMuted || serverMuted;
    }
}
