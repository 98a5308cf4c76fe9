package io.hivemind.relay.signaling.sdp;

/**
 * An audio track we send in a section: {@code a=ssrc} with {@code cname} (RFC 7022) and {@code a=msid}
 * (RFC 8830) so the browser raises a track in the right stream.
 */
public record OutgoingTrack(long ssrc, String cname, String streamId, String trackId) {

    public OutgoingTrack {
        // Validate with the attribute records we will write, so a bad value fails here and not in SdpWriter.
        new SsrcAttribute(ssrc, SsrcAttribute.CNAME, cname);
        new Msid(streamId, trackId);
    }
}
