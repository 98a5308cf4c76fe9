package io.hivemind.relay.signaling.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import io.hivemind.relay.media.srtp.SrtpKeyingMaterial.Role;
import io.hivemind.relay.signaling.sdp.SdpNegotiationException.Reason;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Answers to real Chromium offers: contents, negotiated parameters, round trip, and every refusal. */
class AudioAnswerBuilderTest {

    private static final String MIC = SdpFixtures.text(SdpFixtures.MIC);
    private static final OutgoingTrack TRACK = SdpFixtures.track(0xCAFEBABEL);

    private final AudioAnswerBuilder builder = new AudioAnswerBuilder(SdpFixtures.local(),
            AudioPreferences.defaults());

    static Stream<Arguments> offers() {
        return Stream.of(
                Arguments.of(named("audio transceiver", SdpFixtures.AUDIO), Direction.SENDRECV, 0, List.of()),
                Arguments.of(named("microphone", SdpFixtures.MIC), Direction.SENDRECV, 4, List.of()),
                Arguments.of(named("recvonly", SdpFixtures.RECVONLY), Direction.SENDONLY, 4, List.of()),
                Arguments.of(named("audio, video and data", SdpFixtures.AUDIO_VIDEO_DATA), Direction.SENDRECV, 4,
                        List.of("video", "application")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offers")
    void answersChromiumOffer(String fixture, Direction expectedDirection, int remoteUdpCandidates,
            List<String> rejectedTypes) throws Exception {
        SessionDescription offer = SdpFixtures.parse(fixture);
        AudioNegotiation negotiation = builder.answer(offer, Map.of("0", TRACK), 7, 1);
        SessionDescription answer = negotiation.localDescription();

        assertThat(answer.has(RawAttribute.ICE_LITE)).isTrue();
        assertThat(answer.bundleMids()).containsExactly("0");
        assertThat(answer.media()).hasSize(offer.media().size());
        MediaDescription audio = answer.media().get(0);
        assertThat(audio.mediaLine()).isEqualTo("audio 40000 UDP/TLS/RTP/SAVPF 111");
        assertThat(audio.connection()).isEqualTo(new Connection("IN", "IP4", "127.0.0.1"));
        assertThat(audio.all(Candidate.class)).containsExactly(Candidate.udpHost(0, "127.0.0.1", 40000),
                Candidate.udpHost(1, "::1", 40001));
        assertThat(audio.has(RawAttribute.END_OF_CANDIDATES)).isTrue();
        assertThat(audio.first(IceUfrag.class)).isEqualTo(new IceUfrag("rLy4"));
        assertThat(audio.first(IcePwd.class)).isEqualTo(new IcePwd("relayIcePassword0123456"));
        assertThat(audio.first(Fingerprint.class).digest()).isEqualTo(SdpFixtures.CERTIFICATE_SHA256);
        assertThat(audio.first(Setup.class)).isEqualTo(Setup.PASSIVE);
        assertThat(audio.mid()).isEqualTo("0");
        assertThat(audio.all(RtpMap.class)).containsExactly(new RtpMap(111, "opus", 48000, 2));
        assertThat(audio.all(Fmtp.class)).containsExactly(new Fmtp(111, "minptime=10;useinbandfec=1"));
        assertThat(audio.all(Extmap.class)).containsExactly(Extmap.of(1, Extmap.AUDIO_LEVEL));
        assertThat(audio.all(RtcpFeedback.class)).isEmpty();
        assertThat(audio.has(RawAttribute.RTCP_MUX)).isTrue();
        assertThat(audio.has(RawAttribute.RTCP_RSIZE)).isTrue();
        assertThat(audio.direction()).isEqualTo(expectedDirection);
        assertThat(audio.all(SsrcAttribute.class)).containsExactly(
                new SsrcAttribute(0xCAFEBABEL, "cname", "relay"),
                new SsrcAttribute(0xCAFEBABEL, "msid", "room-stream track-3405691582"));
        assertThat(audio.first(Msid.class)).isEqualTo(new Msid("room-stream", "track-3405691582"));
        for (int i = 1; i < answer.media().size(); i++) {
            MediaDescription rejected = answer.media().get(i);
            assertThat(rejected.type()).isEqualTo(rejectedTypes.get(i - 1));
            assertThat(rejected.port()).isZero();
            assertThat(rejected.formats()).isEqualTo(offer.media().get(i).formats());
            assertThat(rejected.mid()).isEqualTo(offer.media().get(i).mid());
        }

        MediaDescription offered = offer.media().get(0);
        NegotiatedTransport transport = negotiation.transport();
        assertThat(transport.remoteUfrag()).isEqualTo(offered.first(IceUfrag.class));
        assertThat(transport.remotePwd()).isEqualTo(offered.first(IcePwd.class));
        assertThat(transport.remoteFingerprint()).isEqualTo(offered.first(Fingerprint.class));
        assertThat(transport.dtlsRole()).isEqualTo(Role.SERVER);
        assertThat(transport.remoteCandidates()).hasSize(remoteUdpCandidates).allMatch(Candidate::isUdp);
        assertThat(negotiation.audio()).containsExactly(new NegotiatedAudio("0", 111, 1, 0, false, true,
                expectedDirection, TRACK, RemoteDescription.ssrcs(offered), offered.first(Msid.class)));
        assertThat(negotiation.byMid("0")).isSameAs(negotiation.audio().get(0));

        String written = SdpWriter.write(answer);
        assertThat(written).endsWith("\r\n").doesNotContain("\n\n");
        assertThat(SdpParser.parse(written)).isEqualTo(answer);
    }

    @Test
    void negotiatesTransportCcWhenEnabled() throws Exception {
        AudioAnswerBuilder withCc = new AudioAnswerBuilder(SdpFixtures.local(), new AudioPreferences(111, true));
        AudioNegotiation negotiation = withCc.answer(SdpFixtures.parse(SdpFixtures.MIC), Map.of(), 7, 1);

        MediaDescription audio = negotiation.localDescription().media().get(0);
        assertThat(audio.all(Extmap.class)).containsExactly(Extmap.of(1, Extmap.AUDIO_LEVEL),
                Extmap.of(3, Extmap.TRANSPORT_WIDE_CC));
        assertThat(audio.all(RtcpFeedback.class)).containsExactly(new RtcpFeedback("111", "transport-cc"));
        assertThat(negotiation.audio().get(0).transportCcId()).isEqualTo(3);
        assertThat(negotiation.audio().get(0).transportCcFeedback()).isTrue();

        String withoutFeedback = SdpFixtures.edit(MIC, "a=rtcp-fb:111 transport-cc", null);
        NegotiatedAudio noFeedback = withCc.answer(SdpFixtures.parseText(withoutFeedback), Map.of(), 7, 1).audio()
                .get(0);
        assertThat(noFeedback.transportCcFeedback()).isFalse();
        assertThat(noFeedback.transportCcId()).isEqualTo(3);
    }

    static Stream<Arguments> directions() {
        return Stream.of(
                Arguments.of("sendrecv offer, we send", "a=sendrecv", true, Direction.SENDRECV),
                Arguments.of("sendrecv offer, we only listen", "a=sendrecv", false, Direction.RECVONLY),
                Arguments.of("sendonly offer, a track is ignored", "a=sendonly", true, Direction.RECVONLY),
                Arguments.of("recvonly offer, we send", "a=recvonly", true, Direction.SENDONLY),
                Arguments.of("recvonly offer, nothing to send", "a=recvonly", false, Direction.INACTIVE),
                Arguments.of("inactive offer", "a=inactive", true, Direction.INACTIVE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directions")
    void mirrorsDirection(String name, String offered, boolean weSend, Direction expected) throws Exception {
        SessionDescription offer = SdpFixtures.parseText(SdpFixtures.edit(MIC, "a=sendrecv", offered));
        AudioNegotiation negotiation = builder.answer(offer, weSend ? Map.of("0", TRACK) : Map.of(), 7, 1);

        MediaDescription audio = negotiation.localDescription().media().get(0);
        assertThat(audio.direction()).isEqualTo(expected);
        assertThat(negotiation.audio().get(0).localDirection()).isEqualTo(expected);
        assertThat(negotiation.audio().get(0).localTrack()).isEqualTo(expected.sends() ? TRACK : null);
        assertThat(audio.all(SsrcAttribute.class)).hasSize(expected.sends() ? 2 : 0);
        assertThat(audio.has("msid")).isEqualTo(expected.sends());
    }

    static Stream<Arguments> setups() {
        return Stream.of(
                Arguments.of("actpass: we are passive, DTLS server", "a=setup:actpass", Setup.PASSIVE, Role.SERVER),
                Arguments.of("active: we are passive, DTLS server", "a=setup:active", Setup.PASSIVE, Role.SERVER),
                Arguments.of("passive: we are active, DTLS client", "a=setup:passive", Setup.ACTIVE, Role.CLIENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void choosesDtlsRole(String name, String offered, Setup answered, Role role) throws Exception {
        AudioNegotiation negotiation = builder.answer(
                SdpFixtures.parseText(SdpFixtures.edit(MIC, "a=setup", offered)), Map.of(), 7, 1);
        assertThat(negotiation.localDescription().media().get(0).first(Setup.class)).isEqualTo(answered);
        assertThat(negotiation.transport().dtlsRole()).isEqualTo(role);
    }

    @Test
    void keepsTheOfferedOpusPayloadType() throws Exception {
        String text = MIC.replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:109 opus/48000/2")
                .replace(" 111 63 9", " 109 63 9");
        AudioNegotiation negotiation = builder.answer(SdpFixtures.parseText(text), Map.of(), 7, 1);
        assertThat(negotiation.audio().get(0).payloadType()).isEqualTo(109);
        assertThat(negotiation.localDescription().media().get(0).formats()).containsExactly("109");
    }

    @Test
    void readsSessionLevelCredentialsAndAcceptsFirstAudioWithoutBundle() throws Exception {
        String text = SdpFixtures.edit(MIC, "a=group:BUNDLE", null);
        String credentials = String.join("\r\n", SdpFixtures.parse(SdpFixtures.MIC).media().get(0).attributes()
                .stream().filter(a -> a instanceof IceUfrag || a instanceof IcePwd || a instanceof Fingerprint)
                .map(a -> "a=" + a.key() + ":" + a.value()).toList());
        text = SdpFixtures.edit(SdpFixtures.edit(SdpFixtures.edit(text, "a=ice-ufrag", null), "a=ice-pwd", null),
                "a=fingerprint", null).replace("a=extmap-allow-mixed", "a=extmap-allow-mixed\r\n" + credentials);
        String second = text.substring(text.indexOf("m=audio")).replace("a=mid:0", "a=mid:1");
        AudioNegotiation negotiation = builder.answer(SdpFixtures.parseText(text + second), Map.of(), 7, 1);

        assertThat(negotiation.audio()).extracting(NegotiatedAudio::mid).containsExactly("0");
        assertThat(negotiation.localDescription().media().get(1).port()).isZero();
        assertThat(negotiation.localDescription().bundleMids()).isEmpty();
        assertThat(negotiation.transport().remoteUfrag()).isEqualTo(new IceUfrag("I+xY"));
    }

    @Test
    void acceptsBundleOnlySectionButNotAPlainDisabledOne() throws Exception {
        String disabled = MIC.replace("m=audio 48344", "m=audio 0");
        String bundleOnly = disabled.replace("a=mid:0", "a=mid:0\r\na=bundle-only");

        assertThat(builder.answer(SdpFixtures.parseText(bundleOnly), Map.of(), 7, 1).audio()).hasSize(1);
        assertThatThrownBy(() -> builder.answer(SdpFixtures.parseText(disabled), Map.of(), 7, 1))
                .isInstanceOfSatisfying(SdpNegotiationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_AUDIO));
    }

    static Stream<Arguments> refusals() {
        String videoOnly = SdpFixtures.text(SdpFixtures.AUDIO_VIDEO_DATA).replace("m=audio 52553", "m=audio 0");
        return Stream.of(
                Arguments.of("no rtcp-mux", SdpFixtures.edit(MIC, "a=rtcp-mux", null), Reason.NO_RTCP_MUX),
                Arguments.of("no opus rtpmap", SdpFixtures.edit(MIC, "a=rtpmap:111", null), Reason.NO_OPUS),
                Arguments.of("opus mono only", MIC.replace("opus/48000/2", "opus/48000/1"), Reason.NO_OPUS),
                Arguments.of("opus not in the m= formats", MIC.replace(" 111 63", " 63"), Reason.NO_OPUS),
                Arguments.of("holdconn", SdpFixtures.edit(MIC, "a=setup", "a=setup:holdconn"),
                        Reason.SETUP_CONFLICT),
                Arguments.of("no setup", SdpFixtures.edit(MIC, "a=setup", null), Reason.SETUP_CONFLICT),
                Arguments.of("bundled sections disagree on setup", SdpFixtures.text(SdpFixtures.AUDIO_VIDEO_DATA)
                        .replace("m=video", "m=audio").replaceFirst("a=setup:actpass\r\na=mid:1",
                                "a=setup:passive\r\na=mid:1"), Reason.SETUP_CONFLICT),
                Arguments.of("no ice-ufrag", SdpFixtures.edit(MIC, "a=ice-ufrag", null),
                        Reason.MISSING_ICE_CREDENTIALS),
                Arguments.of("no ice-pwd", SdpFixtures.edit(MIC, "a=ice-pwd", null), Reason.MISSING_ICE_CREDENTIALS),
                Arguments.of("no fingerprint", SdpFixtures.edit(MIC, "a=fingerprint", null),
                        Reason.MISSING_FINGERPRINT),
                Arguments.of("sha-1 fingerprint only", SdpFixtures.edit(MIC, "a=fingerprint",
                        "a=fingerprint:sha-1 " + "AB:".repeat(19) + "AB"), Reason.MISSING_FINGERPRINT),
                Arguments.of("audio rejected by the offerer", videoOnly, Reason.NO_AUDIO),
                Arguments.of("plain RTP/AVP audio", MIC.replace("UDP/TLS/RTP/SAVPF", "RTP/AVP"), Reason.NO_AUDIO),
                Arguments.of("no mid", SdpFixtures.edit(MIC, "a=mid", null), Reason.INVALID_MID),
                Arguments.of("two mids in a section", SdpFixtures.edit(MIC, "a=mid", "a=mid:0\r\na=mid:1"),
                        Reason.INVALID_MID),
                Arguments.of("duplicate mid", SdpFixtures.text(SdpFixtures.AUDIO_VIDEO_DATA)
                        .replace("a=mid:1", "a=mid:0"), Reason.INVALID_MID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithReason(String name, String offer, Reason reason) {
        SessionDescription parsed = SdpFixtures.parseText(offer);
        assertThatThrownBy(() -> builder.answer(parsed, Map.of("0", TRACK), 7, 1))
                .isInstanceOfSatisfying(SdpNegotiationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).startsWith(reason.name() + ": ");
                    parsed.media().forEach(m -> m.all(IcePwd.class)
                            .forEach(pwd -> assertThat(e.getMessage()).doesNotContain(pwd.password())));
                });
    }
}
