package io.hivemind.relay.signaling.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes our {@code m=audio} section, the same for offers and answers: host candidates, ICE and DTLS parameters,
 * the negotiated extensions, Opus with {@code minptime=10;useinbandfec=1} (RFC 7587 §7) and our track's source.
 */
final class LocalAudioSection {

    static final String OPUS_PARAMETERS = "minptime=10;useinbandfec=1";

    private LocalAudioSection() {
    }

    static MediaDescription build(NegotiatedAudio audio, LocalTransport local, Setup setup) {
        List<SdpAttribute> attributes = new ArrayList<>(local.candidates());
        attributes.add(RawAttribute.property(RawAttribute.END_OF_CANDIDATES));
        attributes.add(local.ufrag());
        attributes.add(local.pwd());
        attributes.add(local.fingerprint());
        attributes.add(setup);
        attributes.add(new Mid(audio.mid()));
        if (audio.audioLevelId() > 0) {
            attributes.add(Extmap.of(audio.audioLevelId(), Extmap.AUDIO_LEVEL));
        }
        if (audio.transportCcId() > 0) {
            attributes.add(Extmap.of(audio.transportCcId(), Extmap.TRANSPORT_WIDE_CC));
        }
        attributes.add(audio.localDirection());
        OutgoingTrack track = audio.localDirection().sends() ? audio.localTrack() : null;
        if (track != null) {
            attributes.add(new Msid(track.streamId(), track.trackId()));
        }
        attributes.add(RawAttribute.property(RawAttribute.RTCP_MUX));
        if (audio.rtcpReducedSize()) {
            attributes.add(RawAttribute.property(RawAttribute.RTCP_RSIZE));
        }
        attributes.add(new RtpMap(audio.payloadType(), "opus", 48000, 2));
        if (audio.transportCcFeedback()) {
            attributes.add(new RtcpFeedback(Integer.toString(audio.payloadType()), RtcpFeedback.TRANSPORT_CC));
        }
        attributes.add(new Fmtp(audio.payloadType(), OPUS_PARAMETERS));
        if (track != null) {
            attributes.add(new SsrcAttribute(track.ssrc(), SsrcAttribute.CNAME, track.cname()));
            attributes.add(new SsrcAttribute(track.ssrc(), SsrcAttribute.MSID,
                    track.streamId() + " " + track.trackId()));
        }
        Candidate first = local.candidates().isEmpty() ? null : local.candidates().get(0);
        // RFC 8839 §4.2.1.1: with no candidate yet the port is 9 and the address 0.0.0.0.
        return new MediaDescription(MediaDescription.AUDIO, first == null ? 9 : first.port(),
                MediaDescription.WEBRTC_RTP_PROTO, List.of(Integer.toString(audio.payloadType())),
                Connection.of(first == null ? "0.0.0.0" : first.address()), List.of(), attributes);
    }
}
