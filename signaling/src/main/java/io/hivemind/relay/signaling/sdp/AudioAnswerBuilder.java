package io.hivemind.relay.signaling.sdp;

import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.hivemind.relay.signaling.sdp.SdpNegotiationException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers a client's offer (the client publishes, RFC 3264 §6, RFC 8829 §5.3) as an ICE-lite, audio-only peer.
 * Accepted: the audio sections of the first BUNDLE group (or the first audio section when the offer has no group)
 * that use UDP/TLS/RTP/SAVPF, multiplex RTCP and offer {@code opus/48000/2}. Every other section is rejected with
 * port 0. One builder serves one transport; call {@link #answer} again for each renegotiation.
 */
public final class AudioAnswerBuilder {

    private final LocalTransport local;
    private final AudioPreferences preferences;

    public AudioAnswerBuilder(LocalTransport local, AudioPreferences preferences) {
        this.local = local;
        this.preferences = preferences;
    }

    /**
     * Answers the offer.
     *
     * @param sendTracks the track we send per mid; a section we send in answers {@code sendrecv} (or
     *        {@code sendonly} to a {@code recvonly} offer), otherwise {@code recvonly} (or {@code inactive})
     * @param sessionId our stable origin session id
     * @param sessionVersion incremented on every new description (RFC 8866 §5.2)
     */
    public AudioNegotiation answer(SessionDescription offer, Map<String, OutgoingTrack> sendTracks, long sessionId,
            long sessionVersion) throws SdpNegotiationException {
        RemoteDescription.requireMids(offer);
        List<String> bundle = offer.bundleMids();
        List<MediaDescription> accepted = new ArrayList<>();
        for (MediaDescription media : offer.media()) {
            // RFC 8843 §7.2: a bundle-only section has port 0 but is offered, not disabled.
            boolean offered = !media.isRejected() || media.has("bundle-only") && bundle.contains(media.mid());
            boolean usable = MediaDescription.AUDIO.equals(media.type()) && offered
                    && MediaDescription.WEBRTC_RTP_PROTO.equals(media.proto());
            if (usable && (bundle.isEmpty() ? accepted.isEmpty() : bundle.contains(media.mid()))) {
                accepted.add(media);
            }
        }
        if (accepted.isEmpty()) {
            throw new SdpNegotiationException(Reason.NO_AUDIO, "no bundled UDP/TLS/RTP/SAVPF audio section");
        }
        NegotiatedTransport transport = RemoteDescription.transport(offer, accepted, false);
        Setup ourSetup = transport.dtlsRole() == SrtpKeyingMaterial.Role.SERVER
                ? Setup.PASSIVE : Setup.ACTIVE;
        List<NegotiatedAudio> audio = new ArrayList<>();
        List<MediaDescription> sections = new ArrayList<>();
        for (MediaDescription media : offer.media()) {
            if (accepted.contains(media)) {
                NegotiatedAudio section = negotiate(media, sendTracks.get(media.mid()));
                audio.add(section);
                sections.add(LocalAudioSection.build(section, local, ourSetup));
            } else {
                sections.add(rejected(media));
            }
        }
        List<SdpAttribute> sessionAttributes = new ArrayList<>();
        if (!bundle.isEmpty()) {
            sessionAttributes.add(new Group(Group.BUNDLE, audio.stream().map(NegotiatedAudio::mid).toList()));
        }
        sessionAttributes.add(RawAttribute.property(RawAttribute.ICE_LITE));
        SessionDescription answer = SessionDescription.of(Origin.local(sessionId, sessionVersion), sessionAttributes,
                sections);
        return new AudioNegotiation(answer, transport, audio);
    }

    private NegotiatedAudio negotiate(MediaDescription media, OutgoingTrack track) throws SdpNegotiationException {
        RemoteDescription.requireRtcpMux(media);
        RtpMap opus = media.all(RtpMap.class).stream()
                .filter(map -> map.isOpus() && media.formats().contains(Integer.toString(map.payloadType())))
                .findFirst().orElseThrow(() -> new SdpNegotiationException(Reason.NO_OPUS,
                        "section " + media.mid() + " offers no opus/48000/2"));
        int pt = opus.payloadType();
        int transportCcId = preferences.transportCc()
                ? RemoteDescription.extensionId(media, Extmap.TRANSPORT_WIDE_CC) : 0;
        boolean feedback = preferences.transportCc() && RemoteDescription.hasTransportCcFeedback(media, pt);
        Direction remote = media.direction();
        // RFC 3264 §6.1: we may send only where the offerer receives, and receive only where it sends.
        Direction ours = Direction.of(remote.receives() && track != null, remote.sends());
        return new NegotiatedAudio(media.mid(), pt, RemoteDescription.extensionId(media, Extmap.AUDIO_LEVEL),
                transportCcId, feedback, media.has(RawAttribute.RTCP_RSIZE), ours, ours.sends() ? track : null,
                RemoteDescription.ssrcs(media), media.first(Msid.class));
    }

    /** RFC 3264 §6: a rejected section keeps its type, proto and formats, with port 0 and its mid. */
    private static MediaDescription rejected(MediaDescription media) {
        List<SdpAttribute> attributes = media.mid() == null ? List.of() : List.of(new Mid(media.mid()));
        return new MediaDescription(media.type(), 0, media.proto(), media.formats(), Connection.of("0.0.0.0"),
                List.of(), attributes);
    }
}
