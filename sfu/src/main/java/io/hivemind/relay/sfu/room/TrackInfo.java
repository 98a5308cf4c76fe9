package io.hivemind.relay.sfu.room;

/** An immutable snapshot of a producer (a published audio track). */
public record TrackInfo(String producerId, String participantIdentity, String mid, int ssrc, int payloadType,
                        boolean muted) {
}
