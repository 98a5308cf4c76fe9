package io.hivemind.relay.signaling.sdp;

/**
 * One audio section of a server offer. A section whose track left keeps its mid with {@code track == null}
 * (offered {@code inactive}), so mids never shift across renegotiations (RFC 8829 §5.2.2).
 *
 * @param track   what we send in the section, or {@code null}
 * @param receive whether we receive in it: the client's own publishing section when the server re-offers a
 *                transport the client offered first
 */
public record OfferedAudio(String mid, OutgoingTrack track, boolean receive) {

    public OfferedAudio {
        new Mid(mid);
    }

    /** A section we only send in ({@code sendonly}), or an idle one ({@code inactive}) when {@code track} is null. */
    public OfferedAudio(String mid, OutgoingTrack track) {
        this(mid, track, false);
    }

    /** A section we only receive in ({@code recvonly}). */
    public static OfferedAudio receiving(String mid) {
        return new OfferedAudio(mid, null, true);
    }

    Direction direction() {
        return Direction.of(track != null, receive);
    }
}
