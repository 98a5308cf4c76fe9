package io.hivemind.relay.signaling.sdp;

/**
 * One audio section of a server offer. A section whose track left keeps its mid with {@code track == null}
 * (offered {@code inactive}), so mids never shift across renegotiations (RFC 8829 §5.2.2).
 */
public record OfferedAudio(String mid, OutgoingTrack track) {

    public OfferedAudio {
        new Mid(mid);
    }
}
