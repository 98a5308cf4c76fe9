package io.hivemind.relay.signaling.sdp;

import java.util.List;

/**
 * One negotiated audio section, what a Producer or Consumer needs.
 *
 * @param payloadType the Opus payload type both sides use
 * @param audioLevelId the ssrc-audio-level extension id (RFC 6464), 0 when not negotiated
 * @param transportCcId the transport-wide-cc extension id, 0 when not negotiated
 * @param transportCcFeedback whether {@code rtcp-fb transport-cc} was negotiated
 * @param rtcpReducedSize whether reduced-size RTCP is allowed (RFC 5506)
 * @param localDirection our direction in this section
 * @param localTrack the track we send, or {@code null}
 * @param remoteSsrcs the sources the remote announced ({@code a=ssrc}), in order
 * @param remoteMsid the remote {@code a=msid}, or {@code null}
 */
public record NegotiatedAudio(String mid, int payloadType, int audioLevelId, int transportCcId,
        boolean transportCcFeedback, boolean rtcpReducedSize, Direction localDirection, OutgoingTrack localTrack,
        List<Long> remoteSsrcs, Msid remoteMsid) {

    public NegotiatedAudio {
        remoteSsrcs = List.copyOf(remoteSsrcs);
    }
}
