package io.hivemind.relay.signaling.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real Chromium 156 offers parse to the fields the negotiation reads, and write back byte for byte. */
class SdpParserTest {

    record Expected(List<String> types, List<String> bundle, String ufrag, String fingerprintStart,
            Direction direction, int udpCandidates, int tcpCandidates, List<Long> audioSsrcs, String msidTrack) {
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of(named("audio transceiver, no candidates", SdpFixtures.AUDIO), new Expected(
                        List.of("audio"), List.of("0"), "KEv/", "D3:3A:ED", Direction.SENDRECV, 0, 0,
                        List.of(2602405745L), "ee17c0fd-11be-4279-bf73-036e2380d6c3")),
                Arguments.of(named("microphone track with candidates", SdpFixtures.MIC), new Expected(
                        List.of("audio"), List.of("0"), "I+xY", "1B:05:B2", Direction.SENDRECV, 4, 4,
                        List.of(1317172885L), "03f14258-1a80-471c-a0cf-352292783145")),
                Arguments.of(named("recvonly transceiver", SdpFixtures.RECVONLY), new Expected(
                        List.of("audio"), List.of("0"), "OIUr", "09:C5:21", Direction.RECVONLY, 4, 4, List.of(),
                        null)),
                Arguments.of(named("audio, video and data channel", SdpFixtures.AUDIO_VIDEO_DATA), new Expected(
                        List.of("audio", "video", "application"), List.of("0", "1", "2"), "3o23", "E9:B9:93",
                        Direction.SENDRECV, 4, 4, List.of(3007440788L), "98bfc45b-5848-4ecb-8f75-a0e120b7b6d9")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesChromiumOffer(String fixture, Expected expected) throws SdpParseException {
        SessionDescription offer = SdpParser.parse(SdpFixtures.text(fixture));

        assertThat(offer.origin().username()).isEqualTo("-");
        assertThat(offer.origin().sessionVersion()).isEqualTo("2");
        assertThat(offer.timing()).isEqualTo("0 0");
        assertThat(offer.media()).extracting(MediaDescription::type).isEqualTo(expected.types());
        assertThat(offer.bundleMids()).isEqualTo(expected.bundle());
        assertThat(offer.has("extmap-allow-mixed")).isTrue();
        assertThat(offer.first(MsidSemantic.class).semantic()).isEqualTo("WMS");

        MediaDescription audio = offer.media().get(0);
        assertThat(audio.proto()).isEqualTo(MediaDescription.WEBRTC_RTP_PROTO);
        assertThat(audio.formats()).containsExactly("111", "63", "9", "0", "8", "13", "110", "126");
        assertThat(audio.mid()).isEqualTo("0");
        assertThat(audio.direction()).isEqualTo(expected.direction());
        assertThat(audio.first(IceUfrag.class).ufrag()).isEqualTo(expected.ufrag());
        assertThat(audio.first(IcePwd.class).password()).hasSize(24);
        assertThat(audio.first(IceOptions.class).options()).containsExactly("trickle");
        assertThat(audio.first(Fingerprint.class).hashFunction()).isEqualTo("sha-256");
        assertThat(audio.first(Fingerprint.class).hex()).startsWith(expected.fingerprintStart());
        assertThat(audio.first(Fingerprint.class).digest()).hasSize(32);
        assertThat(audio.first(Setup.class)).isEqualTo(Setup.ACTPASS);
        assertThat(audio.has(RawAttribute.RTCP_MUX)).isTrue();
        assertThat(audio.has(RawAttribute.RTCP_RSIZE)).isTrue();
        assertThat(audio.all(RtpMap.class)).contains(new RtpMap(111, "opus", 48000, 2), new RtpMap(0, "PCMU", 8000, 0),
                new RtpMap(63, "red", 48000, 2));
        assertThat(audio.first(Fmtp.class).parameterMap()).containsEntry("minptime", "10")
                .containsEntry("useinbandfec", "1");
        assertThat(audio.first(RtcpFeedback.class)).isEqualTo(new RtcpFeedback("111", "transport-cc"));
        assertThat(audio.all(Extmap.class)).contains(Extmap.of(1, Extmap.AUDIO_LEVEL),
                Extmap.of(3, Extmap.TRANSPORT_WIDE_CC));
        assertThat(audio.all(SsrcAttribute.class)).extracting(SsrcAttribute::ssrc).containsAll(expected.audioSsrcs());
        Msid msid = audio.first(Msid.class);
        assertThat(msid == null ? null : msid.trackId()).isEqualTo(expected.msidTrack());
        assertThat(audio.all(RawAttribute.class)).contains(new RawAttribute("rtcp", "9 IN IP4 0.0.0.0"),
                new RawAttribute("rtcp-xr", "rcvr-rtt=all"));
        List<Candidate> candidates = audio.all(Candidate.class);
        assertThat(candidates.stream().filter(Candidate::isUdp)).hasSize(expected.udpCandidates());
        assertThat(candidates.stream().filter(c -> "tcp".equals(c.transport()))).hasSize(expected.tcpCandidates());
        candidates.forEach(candidate -> {
            assertThat(candidate.type()).isEqualTo("host");
            assertThat(candidate.component()).isEqualTo(1);
            assertThat(candidate.extensions()).containsSubsequence("generation", "0");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void writesChromiumOfferBackByteForByte(String fixture, Expected ignored) throws SdpParseException {
        String text = SdpFixtures.text(fixture);
        SessionDescription offer = SdpParser.parse(text);
        assertThat(SdpWriter.write(offer)).isEqualTo(text);
        assertThat(SdpParser.parse(text.replace("\r\n", "\n"))).isEqualTo(offer);
    }

    @Test
    void readsCandidateWithRelatedAddressAndTcpType() throws SdpParseException {
        Candidate candidate = (Candidate) SdpParser.attribute("candidate:842163049 1 udp 1677729535 203.0.113.7 "
                + "61665 typ srflx raddr 192.168.1.20 rport 61665 generation 0 ufrag abcd network-cost 999");
        assertThat(candidate).isEqualTo(new Candidate("842163049", 1, "udp", 1677729535L, "203.0.113.7", 61665,
                "srflx", "192.168.1.20", 61665, List.of("generation", "0", "ufrag", "abcd", "network-cost", "999")));
        assertThat(candidate.value()).isEqualTo("842163049 1 udp 1677729535 203.0.113.7 61665 typ srflx "
                + "raddr 192.168.1.20 rport 61665 generation 0 ufrag abcd network-cost 999");
    }

    @Test
    void readsSessionLevelTransportAttributesAndOptionalLines() throws SdpParseException {
        String text = String.join("\r\n", "v=0", "o=mozilla...THIS_IS_SDPARTA-99.0 6043 0 IN IP4 0.0.0.0",
                "s=-", "i=info", "b=AS:64", "t=0 0", "a=fingerprint:sha-256 " + "0A:".repeat(31) + "0a",
                "a=ice-options:trickle", "a=msid-semantic:WMS *", "m=audio 9 UDP/TLS/RTP/SAVPF 109", "c=IN IP4 0.0.0.0",
                "b=TIAS:64000", "a=extmap:1/sendonly urn:ietf:params:rtp-hdrext:ssrc-audio-level", "a=end-of-candidates",
                "a=ssrc-group:FID 1 2", "a=rtcp-fb:* nack", "") + "\r\n";
        SessionDescription description = SdpParser.parse(text);

        assertThat(description.first(Fingerprint.class).hex()).isEqualTo("0A:".repeat(31) + "0A");
        assertThat(description.otherLines()).containsExactly(new SdpLine('i', "info"), new SdpLine('b', "AS:64"));
        MediaDescription audio = description.media().get(0);
        assertThat(audio.otherLines()).containsExactly(new SdpLine('b', "TIAS:64000"));
        assertThat(audio.first(Extmap.class)).isEqualTo(new Extmap(1, "sendonly", Extmap.AUDIO_LEVEL, null));
        assertThat(audio.first(SsrcGroup.class)).isEqualTo(new SsrcGroup("FID", List.of(1L, 2L)));
        assertThat(audio.first(RtcpFeedback.class).appliesTo(109)).isTrue();
        assertThat(audio.has(RawAttribute.END_OF_CANDIDATES)).isTrue();
        assertThat(SdpParser.parse(SdpWriter.write(description))).isEqualTo(description);
    }

    @Test
    void redactsIcePasswordInToString() throws SdpParseException {
        SessionDescription offer = SdpParser.parse(SdpFixtures.text(SdpFixtures.MIC));
        String password = offer.media().get(0).first(IcePwd.class).password();
        assertThat(offer.toString()).doesNotContain(password).contains("IcePwd[redacted]");
    }
}
