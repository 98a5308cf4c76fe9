package io.hivemind.relay.sfu.room;

/**
 * An audio track as negotiated in SDP.
 *
 * @param mid                   the m-line's mid; publishing again with a mid the participant already uses replaces
 *                              that track's source (republish) and keeps its consumers' streams continuous
 * @param ssrc                  the publisher's SSRC
 * @param opusPayloadType       the Opus payload type from the offer/answer
 * @param audioLevelExtensionId RFC 6464 extension id from a=extmap, 0 when not negotiated
 * @param nack                  whether the track may be retransmitted on Generic NACK (a=rtcp-fb nack)
 */
public record TrackOptions(String mid, int ssrc, int opusPayloadType, int audioLevelExtensionId, boolean nack) {

    public TrackOptions {
        if (mid == null || mid.isEmpty()) {
            throw new IllegalArgumentException("mid is empty");
        }
        if (opusPayloadType < 0 || opusPayloadType > 127) {
            throw new IllegalArgumentException("payload type is 7-bit: " + opusPayloadType);
        }
        if (audioLevelExtensionId < 0 || audioLevelExtensionId > 255) {
            throw new IllegalArgumentException("extension id out of range: " + audioLevelExtensionId);
        }
    }
}
