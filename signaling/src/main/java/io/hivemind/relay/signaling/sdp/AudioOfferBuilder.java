package io.hivemind.relay.signaling.sdp;

import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.hivemind.relay.signaling.sdp.SdpNegotiationException.Reason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Offers audio to a client (the server adds subscriptions, RFC 8829 §5.2) and applies the client's answer. The
 * offer is ICE-lite, {@code setup:actpass}, all sections in one BUNDLE group, one {@code sendonly} section per
 * outgoing track ({@code inactive} for a slot whose track left); a re-offer of a transport the client offered
 * first also carries the client's own sections, {@code recvonly}. One builder serves one transport; a participant
 * may own several transports (a publisher and a subscriber PeerConnection), each with its own builders.
 */
public final class AudioOfferBuilder {

    private final LocalTransport local;
    private final AudioPreferences preferences;

    public AudioOfferBuilder(LocalTransport local, AudioPreferences preferences) {
        this.local = local;
        this.preferences = preferences;
    }

    /**
     * Our first offer on a new transport.
     *
     * @param sessionId our stable origin session id
     * @param sessionVersion incremented on every new description (RFC 8866 §5.2)
     */
    public SessionDescription offer(List<OfferedAudio> sections, long sessionId, long sessionVersion) {
        boolean transportCc = preferences.transportCc();
        return offer(sections, sessionId, sessionVersion, preferences.opusPayloadType(),
                AudioPreferences.OFFERED_AUDIO_LEVEL_ID, transportCc ? AudioPreferences.OFFERED_TRANSPORT_CC_ID : 0,
                transportCc, Setup.ACTPASS);
    }

    /**
     * A subsequent offer on a transport that {@code current} negotiated (whichever side offered then). It keeps
     * what the transport already agreed: every earlier section in its place, rejected ones still rejected (RFC 3264
     * §8), the Opus payload type and extension ids, which every section of a BUNDLE group shares (RFC 8843 §7.5,
     * §9.1), and our DTLS role as the {@code a=setup} value, so the association is kept rather than re-established
     * (RFC 8842 §5.5).
     *
     * @param sections every audio section: the earlier ones (by mid) then any new ones
     * @throws IllegalArgumentException when an earlier audio section is missing from {@code sections}
     */
    public SessionDescription reoffer(AudioNegotiation current, List<OfferedAudio> sections, long sessionId,
            long sessionVersion) {
        NegotiatedAudio first = current.audio().get(0);
        int levelId = current.audio().stream().mapToInt(NegotiatedAudio::audioLevelId).filter(id -> id > 0)
                .findFirst().orElse(0);
        Setup setup = current.transport().dtlsRole() == SrtpKeyingMaterial.Role.SERVER ? Setup.PASSIVE
                : Setup.ACTIVE;
        Map<String, OfferedAudio> fresh = new LinkedHashMap<>();
        sections.forEach(section -> fresh.put(section.mid(), section));
        List<Object> plan = new ArrayList<>();
        for (MediaDescription earlier : current.localDescription().media()) {
            if (earlier.isRejected()) {
                plan.add(earlier);
            } else {
                OfferedAudio kept = fresh.remove(earlier.mid());
                if (kept == null) {
                    throw new IllegalArgumentException("section " + earlier.mid() + " must stay in the offer");
                }
                plan.add(kept);
            }
        }
        plan.addAll(fresh.values());
        return offer(plan, sessionId, sessionVersion, first.payloadType(), levelId, first.transportCcId(),
                first.transportCcFeedback(), setup);
    }

    /** @param plan {@link OfferedAudio} sections to write, or earlier rejected {@link MediaDescription}s to keep */
    private SessionDescription offer(List<?> plan, long sessionId, long sessionVersion,
            int payloadType, int audioLevelId, int transportCcId, boolean transportCcFeedback, Setup setup) {
        if (plan.isEmpty()) {
            throw new IllegalArgumentException("an offer needs at least one section");
        }
        List<MediaDescription> media = new ArrayList<>();
        List<String> bundle = new ArrayList<>();
        for (Object item : plan) {
            if (item instanceof OfferedAudio section) {
                NegotiatedAudio audio = new NegotiatedAudio(section.mid(), payloadType, audioLevelId, transportCcId,
                        transportCcFeedback, true, section.direction(), section.track(), List.of(), null);
                media.add(LocalAudioSection.build(audio, local, setup));
                bundle.add(section.mid());
            } else {
                media.add((MediaDescription) item);
            }
        }
        List<SdpAttribute> attributes = List.of(new Group(Group.BUNDLE, bundle),
                RawAttribute.property(RawAttribute.ICE_LITE));
        return SessionDescription.of(Origin.local(sessionId, sessionVersion), attributes, media);
    }

    /**
     * Applies the client's answer (RFC 3264 §6: same sections, same order).
     *
     * @param offer the description {@link #offer} returned and the client answered
     */
    public AudioNegotiation applyAnswer(SessionDescription offer, SessionDescription answer)
            throws SdpNegotiationException {
        RemoteDescription.requireMids(answer);
        if (answer.media().size() != offer.media().size()) {
            throw new SdpNegotiationException(Reason.ANSWER_MISMATCH, "answer has " + answer.media().size()
                    + " sections, our offer " + offer.media().size());
        }
        List<MediaDescription> accepted = new ArrayList<>();
        List<MediaDescription> ours = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription offered = offer.media().get(i);
            MediaDescription answered = answer.media().get(i);
            if (!Objects.equals(offered.mid(), answered.mid()) || !offered.type().equals(answered.type())) {
                throw new SdpNegotiationException(Reason.ANSWER_MISMATCH, "section " + i + " does not match");
            }
            // A section we offered rejected stays rejected whatever the answer says (RFC 3264 §6).
            if (!answered.isRejected() && !offered.isRejected()) {
                accepted.add(answered);
                ours.add(offered);
            }
        }
        if (accepted.isEmpty()) {
            throw new SdpNegotiationException(Reason.NO_AUDIO, "the answer rejected every section");
        }
        NegotiatedTransport transport = RemoteDescription.transport(answer, accepted, true);
        List<NegotiatedAudio> audio = new ArrayList<>();
        for (int i = 0; i < accepted.size(); i++) {
            audio.add(negotiate(ours.get(i), accepted.get(i)));
        }
        return new AudioNegotiation(offer, transport, audio);
    }

    private NegotiatedAudio negotiate(MediaDescription offered, MediaDescription answered)
            throws SdpNegotiationException {
        RemoteDescription.requireRtcpMux(answered);
        int pt = Integer.parseInt(offered.formats().get(0));
        RtpMap opus = answered.all(RtpMap.class).stream().filter(map -> map.payloadType() == pt).findFirst()
                .orElse(null);
        if (opus == null || !opus.isOpus() || !answered.formats().contains(offered.formats().get(0))) {
            throw new SdpNegotiationException(Reason.NO_OPUS, "section " + answered.mid() + " did not accept opus");
        }
        int transportCcId = preferences.transportCc()
                ? RemoteDescription.extensionId(answered, Extmap.TRANSPORT_WIDE_CC) : 0;
        boolean feedback = preferences.transportCc() && RemoteDescription.hasTransportCcFeedback(answered, pt);
        OutgoingTrack track = offeredTrack(offered);
        Direction remote = answered.direction();
        Direction local = Direction.of(offered.direction().sends() && remote.receives(),
                offered.direction().receives() && remote.sends());
        return new NegotiatedAudio(answered.mid(), pt, RemoteDescription.extensionId(answered, Extmap.AUDIO_LEVEL),
                transportCcId, feedback, answered.has(RawAttribute.RTCP_RSIZE), local, local.sends() ? track : null,
                RemoteDescription.ssrcs(answered), answered.first(Msid.class));
    }

    /** The track we offered in a section of our own offer, read back from its ssrc and msid lines. */
    private static OutgoingTrack offeredTrack(MediaDescription offered) {
        Msid msid = offered.first(Msid.class);
        SsrcAttribute cname = offered.all(SsrcAttribute.class).stream()
                .filter(attribute -> SsrcAttribute.CNAME.equals(attribute.attribute())).findFirst().orElse(null);
        return msid == null || cname == null ? null
                : new OutgoingTrack(cname.ssrc(), cname.attributeValue(), msid.streamId(), msid.trackId());
    }
}
