package io.hivemind.relay.signaling.sdp;

import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.hivemind.relay.signaling.sdp.SdpNegotiationException.Reason;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads what negotiation needs from the peer's description, the same way for its offers and its answers. */
final class RemoteDescription {

    private RemoteDescription() {
    }

    /** Every section must carry a distinct mid (RFC 8843 §7.2.1, required for BUNDLE). */
    static void requireMids(SessionDescription remote) throws SdpNegotiationException {
        Set<String> seen = new HashSet<>();
        for (MediaDescription media : remote.media()) {
            String mid = media.mid();
            if (mid == null || !seen.add(mid) || media.all(Mid.class).size() > 1) {
                throw new SdpNegotiationException(Reason.INVALID_MID, "every m= section needs one distinct a=mid");
            }
        }
    }

    /**
     * The transport parameters of the bundled sections: media-level attributes override session-level ones
     * (RFC 8839 §5.4, RFC 8122 §5). Our role: an offer's {@code actpass} or {@code active} makes us the DTLS server
     * (we answer {@code passive}), {@code passive} the client; an answer must say {@code active} or {@code passive}.
     */
    static NegotiatedTransport transport(SessionDescription remote, List<MediaDescription> bundled,
            boolean remoteIsAnswer) throws SdpNegotiationException {
        MediaDescription tag = bundled.get(0);
        IceUfrag ufrag = attribute(remote, tag, IceUfrag.class);
        IcePwd pwd = attribute(remote, tag, IcePwd.class);
        if (ufrag == null || pwd == null) {
            throw new SdpNegotiationException(Reason.MISSING_ICE_CREDENTIALS, "no a=ice-ufrag or a=ice-pwd");
        }
        Fingerprint fingerprint = sha256(tag);
        if (fingerprint == null) {
            fingerprint = sha256(remote);
        }
        if (fingerprint == null) {
            throw new SdpNegotiationException(Reason.MISSING_FINGERPRINT, "no sha-256 a=fingerprint");
        }
        Setup setup = attribute(remote, tag, Setup.class);
        for (MediaDescription media : bundled) {
            if (attribute(remote, media, Setup.class) != setup) {
                throw new SdpNegotiationException(Reason.SETUP_CONFLICT, "bundled sections disagree on a=setup");
            }
        }
        SrtpKeyingMaterial.Role role;
        if (setup == Setup.PASSIVE) {
            role = SrtpKeyingMaterial.Role.CLIENT;
        } else if (setup == Setup.ACTIVE || setup == Setup.ACTPASS && !remoteIsAnswer) {
            role = SrtpKeyingMaterial.Role.SERVER;
        } else {
            throw new SdpNegotiationException(Reason.SETUP_CONFLICT, "a=setup:" + (setup == null ? "(missing)"
                    : setup.value()) + " is not acceptable in " + (remoteIsAnswer ? "an answer" : "an offer"));
        }
        List<Candidate> candidates = tag.all(Candidate.class).stream().filter(Candidate::isUdp).distinct().toList();
        return new NegotiatedTransport(ufrag, pwd, fingerprint, role, candidates);
    }

    /** The section must multiplex RTP and RTCP on one port (RFC 8858): we have no separate RTCP port. */
    static void requireRtcpMux(MediaDescription media) throws SdpNegotiationException {
        if (!media.has(RawAttribute.RTCP_MUX)) {
            throw new SdpNegotiationException(Reason.NO_RTCP_MUX, "section " + media.mid() + " has no a=rtcp-mux");
        }
    }

    /** The id the section maps to the extension URI, or 0. */
    static int extensionId(MediaDescription media, String uri) {
        return media.all(Extmap.class).stream().filter(extmap -> extmap.uri().equals(uri)).mapToInt(Extmap::id)
                .findFirst().orElse(0);
    }

    /** Whether the section asks for transport-cc feedback on the payload type. */
    static boolean hasTransportCcFeedback(MediaDescription media, int payloadType) {
        return media.all(RtcpFeedback.class).stream().anyMatch(feedback -> feedback.appliesTo(payloadType)
                && RtcpFeedback.TRANSPORT_CC.equals(feedback.feedback()));
    }

    /** The distinct sources the section announces, in order. */
    static List<Long> ssrcs(MediaDescription media) {
        return media.all(SsrcAttribute.class).stream().map(SsrcAttribute::ssrc).distinct().toList();
    }

    private static <T extends SdpAttribute> T attribute(SessionDescription session, MediaDescription media,
            Class<T> type) {
        T value = media.first(type);
        return value != null ? value : session.first(type);
    }

    private static Fingerprint sha256(AttributeList list) {
        return list.all(Fingerprint.class).stream().filter(f -> Fingerprint.SHA_256.equals(f.hashFunction()))
                .findFirst().orElse(null);
    }
}
