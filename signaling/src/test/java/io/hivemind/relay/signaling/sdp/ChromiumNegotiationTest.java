package io.hivemind.relay.signaling.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivemind.relay.media.srtp.SrtpKeyingMaterial.Role;
import io.hivemind.relay.signaling.chromium.HeadlessChromium;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real headless Chromium accepts what we write, in both directions: our answer to its live offer, and our offer
 * (which it answers, raising our tracks). Needs Debian's {@code chromium} and {@code chromium-driver}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChromiumNegotiationTest {

    private static final String CLIENT_OFFER = """
            const done = arguments[arguments.length - 1];
            (async () => {
              const pc = new RTCPeerConnection();
              window.pc = pc;
              if (arguments[0] === 'mic') {
                const stream = await navigator.mediaDevices.getUserMedia({audio: true});
                stream.getTracks().forEach(track => pc.addTrack(track, stream));
              } else if (arguments[0] === 'av') {
                pc.addTransceiver('audio'); pc.addTransceiver('video'); pc.createDataChannel('d');
              } else {
                pc.addTransceiver('audio', {direction: arguments[0]});
              }
              const offer = await pc.createOffer();
              await pc.setLocalDescription(offer);
              return offer.sdp;
            })().then(done, e => done('ERROR ' + e));
            """;
    private static final String APPLY_ANSWER = """
            const done = arguments[arguments.length - 1];
            pc.setRemoteDescription({type: 'answer', sdp: arguments[0]}).then(() => done({
              state: pc.signalingState,
              transceivers: pc.getTransceivers().map(t => ({mid: t.mid, direction: t.currentDirection}))
            }), e => done({error: String(e)}));
            """;
    private static final String ANSWER_SERVER_OFFER = """
            const done = arguments[arguments.length - 1];
            (async () => {
              const pc = new RTCPeerConnection();
              const tracks = [];
              pc.ontrack = e => tracks.push({mid: e.transceiver.mid, streams: e.streams.map(s => s.id)});
              await pc.setRemoteDescription({type: 'offer', sdp: arguments[0]});
              const answer = await pc.createAnswer();
              await pc.setLocalDescription(answer);
              return {answer: answer.sdp, tracks: tracks};
            })().then(done, e => done({error: String(e)}));
            """;

    /** Applies a server (re-)offer to {@code window.pc} and answers it, listing the tracks raised meanwhile. */
    private static final String ANSWER_REOFFER = """
            const done = arguments[arguments.length - 1];
            (async () => {
              const tracks = [];
              pc.ontrack = e => tracks.push({mid: e.transceiver.mid, streams: e.streams.map(s => s.id)});
              await pc.setRemoteDescription({type: 'offer', sdp: arguments[0]});
              const answer = await pc.createAnswer();
              await pc.setLocalDescription(answer);
              return {answer: answer.sdp, tracks: tracks, state: pc.signalingState,
                transceivers: pc.getTransceivers().map(t => ({mid: t.mid, direction: t.currentDirection}))};
            })().then(done, e => done({error: String(e)}));
            """;

    private HeadlessChromium chromium;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        chromium = new HeadlessChromium(dir);
    }

    @AfterAll
    void stop() throws Exception {
        chromium.close();
    }

    @ParameterizedTest(name = "client offer: {0}")
    @ValueSource(strings = {"mic", "sendrecv", "recvonly", "av"})
    void chromiumAcceptsOurAnswer(String mode) throws Exception {
        JsonNode offerText = chromium.executeAsync(CLIENT_OFFER, mode);
        assertThat(offerText.asText()).startsWith("v=0");
        SessionDescription offer = SdpParser.parse(offerText.asText());
        OutgoingTrack track = SdpFixtures.track(0x1234);
        AudioNegotiation negotiation = new AudioAnswerBuilder(SdpFixtures.local(), new AudioPreferences(111, true))
                .answer(offer, Map.of("0", track), 77, 1);

        JsonNode result = chromium.executeAsync(APPLY_ANSWER, SdpWriter.write(negotiation.localDescription()));

        assertThat(result.path("error").isMissingNode()).as(result.toString()).isTrue();
        assertThat(result.path("state").asText()).isEqualTo("stable");
        JsonNode audio = result.path("transceivers").get(0);
        assertThat(audio.path("mid").asText()).isEqualTo("0");
        // Chromium's currentDirection is its own view: the mirror of ours.
        Direction ours = negotiation.audio().get(0).localDirection();
        assertThat(audio.path("direction").asText()).isEqualTo(Direction.of(ours.receives(), ours.sends()).key());
        assertThat(negotiation.transport().dtlsRole()).isEqualTo(Role.SERVER);
    }

    @Test
    void chromiumAnswersOurOffer() throws Exception {
        AudioOfferBuilder builder = new AudioOfferBuilder(SdpFixtures.local(), AudioPreferences.defaults());
        SessionDescription offer = builder.offer(List.of(new OfferedAudio("0", SdpFixtures.track(1111)),
                new OfferedAudio("1", SdpFixtures.track(2222)), new OfferedAudio("2", null)), 77, 1);

        JsonNode result = chromium.executeAsync(ANSWER_SERVER_OFFER, SdpWriter.write(offer));

        assertThat(result.path("error").isMissingNode()).as(result.toString()).isTrue();
        assertThat(result.path("tracks").findValuesAsText("mid")).containsExactly("0", "1");
        assertThat(result.path("tracks").get(0).path("streams").get(0).asText()).isEqualTo("room-stream");
        AudioNegotiation negotiation = builder.applyAnswer(offer, SdpParser.parse(result.path("answer").asText()));
        assertThat(negotiation.transport().dtlsRole()).isEqualTo(Role.SERVER);
        assertThat(negotiation.audio()).extracting(NegotiatedAudio::localDirection)
                .containsExactly(Direction.SENDONLY, Direction.SENDONLY, Direction.INACTIVE);
        assertThat(negotiation.audio()).allSatisfy(audio -> {
            assertThat(audio.payloadType()).isEqualTo(111);
            assertThat(audio.audioLevelId()).isEqualTo(AudioPreferences.OFFERED_AUDIO_LEVEL_ID);
        });
    }

    /**
     * The subscription path of one PeerConnection: the client offered its microphone, we answered, then we
     * re-offer (keeping the client's section, recvonly, and its rejected video and data sections) to add a track,
     * retire it, and reuse its slot for another.
     */
    @ParameterizedTest(name = "client offer: {0}")
    @ValueSource(strings = {"mic", "av"})
    void chromiumAcceptsOurReoffersOnItsOwnPeerConnection(String mode) throws Exception {
        SessionDescription clientOffer = SdpParser.parse(chromium.executeAsync(CLIENT_OFFER, mode).asText());
        AudioNegotiation answered = new AudioAnswerBuilder(SdpFixtures.local(), AudioPreferences.defaults())
                .answer(clientOffer, Map.of(), 77, 1);
        JsonNode applied = chromium.executeAsync(APPLY_ANSWER, SdpWriter.write(answered.localDescription()));
        assertThat(applied.path("state").asText()).as(applied.toString()).isEqualTo("stable");
        AudioOfferBuilder builder = new AudioOfferBuilder(SdpFixtures.local(), AudioPreferences.defaults());
        OutgoingTrack alice = new OutgoingTrack(1111, "alice", "PA_alice", "TR_alice");
        OutgoingTrack bob = new OutgoingTrack(2222, "bob", "PA_bob", "TR_bob");

        AudioNegotiation added = reoffer(builder, answered, 2,
                List.of(OfferedAudio.receiving("0"), new OfferedAudio("c1", alice)), "c1", "PA_alice");
        assertThat(added.transport().dtlsRole()).isEqualTo(Role.SERVER);
        assertThat(added.audio()).extracting(NegotiatedAudio::localDirection)
                .containsExactly(Direction.RECVONLY, Direction.SENDONLY);
        assertThat(added.audio().get(0).remoteSsrcs()).isEqualTo(answered.audio().get(0).remoteSsrcs())
                .isNotEmpty();

        AudioNegotiation retired = reoffer(builder, added, 3,
                List.of(OfferedAudio.receiving("0"), new OfferedAudio("c1", null)), null, null);
        assertThat(retired.audio()).extracting(NegotiatedAudio::localDirection)
                .containsExactly(Direction.RECVONLY, Direction.INACTIVE);

        AudioNegotiation reused = reoffer(builder, retired, 4,
                List.of(OfferedAudio.receiving("0"), new OfferedAudio("c1", bob)), "c1", "PA_bob");
        assertThat(reused.audio().get(1).localTrack()).isEqualTo(bob);
    }

    private AudioNegotiation reoffer(AudioOfferBuilder builder, AudioNegotiation current, long version,
            List<OfferedAudio> sections, String raisedMid, String raisedStream) throws Exception {
        SessionDescription offer = builder.reoffer(current, sections, 77, version);
        assertThat(offer.media()).filteredOn(media -> !media.isRejected())
                .allSatisfy(media -> assertThat(media.first(Setup.class)).isEqualTo(Setup.PASSIVE));

        JsonNode result = chromium.executeAsync(ANSWER_REOFFER, SdpWriter.write(offer));

        assertThat(result.path("error").isMissingNode()).as(result.toString()).isTrue();
        assertThat(result.path("state").asText()).isEqualTo("stable");
        if (raisedMid == null) {
            assertThat(result.path("tracks")).isEmpty();
        } else {
            assertThat(result.path("tracks").findValuesAsText("mid")).containsExactly(raisedMid);
            assertThat(result.path("tracks").get(0).path("streams").get(0).asText()).isEqualTo(raisedStream);
        }
        return builder.applyAnswer(offer, SdpParser.parse(result.path("answer").asText()));
    }
}
