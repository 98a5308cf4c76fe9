package io.hivemind.relay.signaling.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivemind.relay.media.srtp.SrtpKeyingMaterial.Role;
import io.hivemind.relay.signaling.sdp.SdpNegotiationException.Reason;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Server offers (subscriptions) and the client's answer. The client side of each exchange is played by our
 * own {@link AudioAnswerBuilder} with a second transport, so both directions are checked against each other.
 */
class AudioOfferBuilderTest {

    private static final OutgoingTrack ALICE = SdpFixtures.track(1111);
    private static final OutgoingTrack BOB = SdpFixtures.track(2222);

    private final AudioOfferBuilder offers = new AudioOfferBuilder(SdpFixtures.local(), AudioPreferences.defaults());
    private final LocalTransport client = LocalTransport.of("cLnt", "clientIcePassword012345", new byte[32],
            List.of(new java.net.InetSocketAddress("127.0.0.1", 50000)));

    @Test
    void offersOneSendonlySectionPerTrack() throws SdpParseException {
        SessionDescription offer = offers.offer(List.of(new OfferedAudio("a0", ALICE), new OfferedAudio("a1", BOB)),
                9, 3);

        assertThat(offer.origin().sessionId()).isEqualTo("9");
        assertThat(offer.origin().sessionVersion()).isEqualTo("3");
        assertThat(offer.has(RawAttribute.ICE_LITE)).isTrue();
        assertThat(offer.bundleMids()).containsExactly("a0", "a1");
        assertThat(offer.media()).hasSize(2).allSatisfy(media -> {
            assertThat(media.first(Setup.class)).isEqualTo(Setup.ACTPASS);
            assertThat(media.direction()).isEqualTo(Direction.SENDONLY);
            assertThat(media.formats()).containsExactly("111");
            assertThat(media.all(Fmtp.class)).containsExactly(new Fmtp(111, "minptime=10;useinbandfec=1"));
            assertThat(media.all(Extmap.class)).containsExactly(Extmap.of(1, Extmap.AUDIO_LEVEL));
            assertThat(media.has(RawAttribute.RTCP_MUX)).isTrue();
        });
        assertThat(offer.media().get(1).all(SsrcAttribute.class)).containsExactly(
                new SsrcAttribute(2222, "cname", "relay"), new SsrcAttribute(2222, "msid", "room-stream track-2222"));
        assertThat(SdpParser.parse(SdpWriter.write(offer))).isEqualTo(offer);
    }

    @Test
    void appliesAnswerFromAClientThatReceives() throws Exception {
        SessionDescription offer = offers.offer(List.of(new OfferedAudio("a0", ALICE), new OfferedAudio("a1", null)),
                9, 1);
        SessionDescription answer = reparse(new AudioAnswerBuilder(client, AudioPreferences.defaults())
                .answer(reparse(offer), java.util.Map.of(), 5, 1).localDescription());

        AudioNegotiation negotiation = offers.applyAnswer(offer, answer);

        assertThat(negotiation.localDescription()).isEqualTo(offer);
        assertThat(negotiation.transport().dtlsRole()).isEqualTo(Role.CLIENT);
        assertThat(negotiation.transport().remoteUfrag()).isEqualTo(client.ufrag());
        assertThat(negotiation.transport().remotePwd()).isEqualTo(client.pwd());
        assertThat(negotiation.transport().remoteFingerprint()).isEqualTo(client.fingerprint());
        assertThat(negotiation.transport().remoteCandidates()).isEqualTo(client.candidates());
        assertThat(negotiation.audio()).containsExactly(
                new NegotiatedAudio("a0", 111, 1, 0, false, true, Direction.SENDONLY, ALICE, List.of(), null),
                new NegotiatedAudio("a1", 111, 1, 0, false, true, Direction.INACTIVE, null, List.of(), null));
    }

    @Test
    void renegotiatesOnTheSameTransportKeepingMids() throws Exception {
        AudioAnswerBuilder clientSide = new AudioAnswerBuilder(client, new AudioPreferences(111, true));
        AudioOfferBuilder withCc = new AudioOfferBuilder(SdpFixtures.local(), new AudioPreferences(111, true));
        SessionDescription first = withCc.offer(List.of(new OfferedAudio("a0", ALICE)), 9, 1);
        withCc.applyAnswer(first, clientSide.answer(first, java.util.Map.of(), 5, 1).localDescription());

        SessionDescription second = withCc.offer(List.of(new OfferedAudio("a0", null), new OfferedAudio("a1", BOB)),
                9, 2);
        AudioNegotiation negotiation = withCc.applyAnswer(second,
                clientSide.answer(second, java.util.Map.of(), 5, 2).localDescription());

        assertThat(second.bundleMids()).containsExactly("a0", "a1");
        assertThat(negotiation.byMid("a0").localDirection()).isEqualTo(Direction.INACTIVE);
        assertThat(negotiation.byMid("a1").localTrack()).isEqualTo(BOB);
        assertThat(negotiation.byMid("a1").transportCcId()).isEqualTo(AudioPreferences.OFFERED_TRANSPORT_CC_ID);
        assertThat(negotiation.byMid("a1").transportCcFeedback()).isTrue();
    }

    static Stream<Arguments> badAnswers() {
        return Stream.of(
                Arguments.of("answer says actpass", edit("a=setup:passive", "a=setup:actpass"), Reason.SETUP_CONFLICT),
                Arguments.of("answer says holdconn", edit("a=setup:passive", "a=setup:holdconn"),
                        Reason.SETUP_CONFLICT),
                Arguments.of("answer without rtcp-mux", edit("a=rtcp-mux\r\n", ""), Reason.NO_RTCP_MUX),
                Arguments.of("answer without opus", edit("opus/48000/2", "PCMU/8000"), Reason.NO_OPUS),
                Arguments.of("answer with another mid", edit("a=mid:a0", "a=mid:zz"), Reason.ANSWER_MISMATCH),
                Arguments.of("answer with another section count", (UnaryOperator<String>) text ->
                        text + text.substring(text.indexOf("m=audio")).replace("a=mid:a0", "a=mid:a9"),
                        Reason.ANSWER_MISMATCH),
                Arguments.of("answer rejecting everything", edit("m=audio 50000", "m=audio 0"), Reason.NO_AUDIO),
                Arguments.of("answer without ice-pwd", edit("a=ice-pwd:clientIcePassword012345\r\n", ""),
                        Reason.MISSING_ICE_CREDENTIALS),
                Arguments.of("answer without fingerprint", (UnaryOperator<String>) text ->
                        SdpFixtures.edit(text, "a=fingerprint", null), Reason.MISSING_FINGERPRINT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAnswers")
    void refusesBadAnswer(String name, UnaryOperator<String> change, Reason reason) throws Exception {
        SessionDescription offer = offers.offer(List.of(new OfferedAudio("a0", ALICE)), 9, 1);
        String answer = SdpWriter.write(new AudioAnswerBuilder(client, AudioPreferences.defaults())
                .answer(offer, java.util.Map.of(), 5, 1).localDescription());
        assertThat(answer).contains("a=setup:passive");
        SessionDescription changed = SdpParser.parse(change.apply(answer));

        assertThatThrownBy(() -> offers.applyAnswer(offer, changed))
                .isInstanceOfSatisfying(SdpNegotiationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static UnaryOperator<String> edit(String from, String to) {
        return text -> {
            assertThat(text).contains(from);
            return text.replace(from, to);
        };
    }

    private static SessionDescription reparse(SessionDescription description) throws SdpParseException {
        return SdpParser.parse(SdpWriter.write(description));
    }
}
