package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivemind.relay.signaling.sdp.AudioAnswerBuilder;
import io.hivemind.relay.signaling.sdp.AudioPreferences;
import io.hivemind.relay.signaling.sdp.Direction;
import io.hivemind.relay.signaling.sdp.LocalTransport;
import io.hivemind.relay.signaling.sdp.OutgoingTrack;
import io.hivemind.relay.signaling.sdp.SdpNegotiationException;
import io.hivemind.relay.signaling.sdp.SdpParser;
import io.hivemind.relay.signaling.sdp.SdpWriter;
import io.hivemind.relay.signaling.sdp.SessionDescription;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server drives renegotiation after the client's first offer: one offer out at a time, never before the answer. */
class PeerNegotiationTest {

    private static final OutgoingTrack ALICE = new OutgoingTrack(0xa11ce, "PA_a", "PA_a", "TR_a");
    private static final OutgoingTrack CLIENT_MIC = new OutgoingTrack(0x5eed, "me", "-", "mic");

    private final PeerNegotiation negotiation = new PeerNegotiation(transport("rLy4", "relayIcePassword01234567",
            (byte) 1), 42);
    private final LocalTransport client = transport("cLnt", "clientIcePassword0123456", (byte) 2);

    private static LocalTransport transport(String ufrag, String password, byte fingerprintByte) {
        byte[] fingerprint = new byte[32];
        java.util.Arrays.fill(fingerprint, fingerprintByte);
        return LocalTransport.of(ufrag, password, fingerprint, List.of(new InetSocketAddress("127.0.0.1", 40000)));
    }

    /** The client's first offer: a sendrecv mic on "0", Opus on 109 and the audio level on 4 (not our defaults). */
    private SessionDescription clientOffer() throws Exception {
        String text = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
                "m=audio 9 UDP/TLS/RTP/SAVPF 109", "c=IN IP4 0.0.0.0", "a=ice-ufrag:cLnt",
                "a=ice-pwd:clientIcePassword0123456", "a=fingerprint:sha-256 " + "02:".repeat(31) + "02",
                "a=setup:actpass", "a=mid:0", "a=extmap:4 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
                "a=sendrecv", "a=rtcp-mux", "a=rtpmap:109 opus/48000/2", "a=ssrc:" + CLIENT_MIC.ssrc() + " cname:me",
                "");
        return SdpParser.parse(text);
    }

    private SessionDescription clientAnswer(SessionDescription offer) throws Exception {
        return SdpParser.parse(SdpWriter.write(new AudioAnswerBuilder(client, AudioPreferences.defaults())
                .answer(SdpParser.parse(SdpWriter.write(offer)), Map.of("0", CLIENT_MIC), 5, 2)
                .localDescription()));
    }

    @Test
    void offersOnlyAfterTheAnswerWentOutAndKeepsWhatTheFirstExchangeAgreed() throws Exception {
        negotiation.answer(clientOffer());
        negotiation.subscribe(0xa11ce, ALICE);
        assertThat(negotiation.nextOffer()).as("the answer is not out yet").isNull();

        negotiation.answerSent();
        SessionDescription offer = negotiation.nextOffer();

        assertThat(offer.bundleMids()).containsExactly("0", "c1");
        assertThat(offer.media().get(0).direction()).isEqualTo(Direction.RECVONLY);
        assertThat(offer.media().get(1).direction()).isEqualTo(Direction.SENDONLY);
        assertThat(offer.media()).allSatisfy(media -> assertThat(media.formats()).containsExactly("109"));
        assertThat(SdpWriter.write(offer)).contains("a=extmap:4 urn:ietf:params:rtp-hdrext:ssrc-audio-level")
                .contains("a=setup:passive").contains("a=ssrc:" + ALICE.ssrc() + " cname:PA_a");
        assertThat(negotiation.applyAnswer(clientAnswer(offer)).audio().get(0).remoteSsrcs())
                .containsExactly(CLIENT_MIC.ssrc());
        assertThat(negotiation.subscribedSections()).isEqualTo(1);
    }

    @Test
    void oneOfferAtATimeTheNextFollowsTheAnswer() throws Exception {
        negotiation.answer(clientOffer());
        negotiation.answerSent();
        negotiation.subscribe(1, ALICE);
        SessionDescription first = negotiation.nextOffer();
        negotiation.unsubscribe(1);

        assertThat(negotiation.nextOffer()).as("an offer is out").isNull();
        negotiation.applyAnswer(clientAnswer(first));
        SessionDescription second = negotiation.nextOffer();

        assertThat(second.media().get(1).direction()).isEqualTo(Direction.INACTIVE);
        assertThat(second.origin().sessionVersion()).isEqualTo("3");
        negotiation.applyAnswer(clientAnswer(second));
        assertThat(negotiation.nextOffer()).as("nothing changed").isNull();
    }

    @Test
    void outOfTurnMessagesAndTransportChangesAreRefused() throws Exception {
        assertThatThrownBy(() -> negotiation.applyAnswer(clientOffer())).isInstanceOf(IllegalStateException.class);
        negotiation.answer(clientOffer());
        assertThatThrownBy(() -> negotiation.answer(clientOffer())).isInstanceOf(IllegalStateException.class);
        negotiation.answerSent();
        negotiation.subscribe(1, ALICE);
        SessionDescription offer = negotiation.nextOffer();
        String restarted = SdpWriter.write(clientAnswer(offer)).replace("a=ice-ufrag:cLnt", "a=ice-ufrag:nEw1");

        assertThatThrownBy(() -> negotiation.applyAnswer(SdpParser.parse(restarted)))
                .isInstanceOfSatisfying(SdpNegotiationException.class, e -> assertThat(e.reason())
                        .isEqualTo(SdpNegotiationException.Reason.TRANSPORT_CHANGED));
        assertThat(negotiation.nextOffer()).as("the withdrawn sections are offered again").isNotNull();
    }
}
