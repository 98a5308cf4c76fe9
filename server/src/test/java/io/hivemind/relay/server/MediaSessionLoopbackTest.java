package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.room.TrackInfo;
import io.hivemind.relay.sfu.webrtc.WebRtcTestClient;
import io.hivemind.relay.signaling.auth.ApiKeyStore;
import io.hivemind.relay.signaling.sdp.MediaDescription;
import io.hivemind.relay.signaling.sdp.SdpParser;
import io.hivemind.relay.signaling.sdp.SessionDescription;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The /ws session end to end on 127.0.0.1: a JDK WebSocket client joins over {@code /ws}, offers SDP for a client
 * built from our own ICE/DTLS/SRTP classes, and that client's SRTP reaches the room through the answer's candidate.
 */
class MediaSessionLoopbackTest {

    private static final long TIMEOUT_SECONDS = WebRtcTestClient.TIMEOUT_SECONDS;
    private static final int SSRC = 0x1234_5678;

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService clientThreads = Executors.newCachedThreadPool();
    private RelayServer server;

    @BeforeEach
    void start() throws Exception {
        // Two media loops: the session must pick the socket on its room's loop.
        server = RelayServer.start(new RelayConfig("127.0.0.1", 0, 0, null, dataDir, ApiKeyStore.development(),
                RelayConfig.DEFAULT_CONSENT_TIMEOUT, null), 2);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        clientThreads.shutdownNow();
        assertThat(clientThreads.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPublishersSrtpReachesTheRoomThroughTheAnsweredCandidate() throws Exception {
        WsClient alice = new WsClient(http, server, "alice", "blue");
        JsonNode joined = alice.await("joined");
        assertThat(joined.path("room").asText()).isEqualTo("blue");
        assertThat(joined.path("participants")).isEmpty();

        try (WebRtcTestClient client = new WebRtcTestClient("alice", clientThreads)) {
            WsClient.Answer answer = alice.offer(LoopbackOffer.publishing(client, SSRC & 0xffffffffL));
            assertThat(answer.candidate().getPort()).as("the audio section is accepted").isNotZero();

            client.connect(answer.candidate(), answer.ice(), answer.fingerprint());
            Room room = server.rooms().requireRoom("blue");
            List<TrackInfo> tracks = room.tracks().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(tracks).singleElement().satisfies(track -> {
                assertThat(track.participantIdentity()).isEqualTo("alice");
                assertThat(track.ssrc()).isEqualTo(SSRC);
                assertThat(track.mid()).isEqualTo("0");
            });
            for (int seq = 1; seq <= 5; seq++) {
                client.sendToServer(client.protectRtp(SSRC, seq, new byte[] {(byte) 0xfc, 1, 2, 3}));
            }
            assertThat(eventually(room, () -> room.counters().rtpIn() >= 5)).as("5 RTP packets counted in")
                    .isTrue();

            WsClient bob = new WsClient(http, server, "bob", "blue");
            JsonNode bobJoined = bob.await("joined");
            assertThat(bobJoined.path("participants")).singleElement().satisfies(participant -> {
                assertThat(participant.path("identity").asText()).isEqualTo("alice");
                assertThat(participant.path("tracks")).hasSize(1);
            });
            bob.socket.abort();

            alice.socket.sendText("{\"type\":\"leave\"}", true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            alice.await("left");
            assertThat(eventually(room, () -> room.participants().getNow(List.of()).isEmpty()))
                    .as("alice left the room").isTrue();
        }
    }

    static Stream<Arguments> unanswerableOffers() {
        return Stream.of(
                Arguments.of("not SDP", "(?s).*", "hello", "sdp_malformed", ""),
                Arguments.of("no rtcp-mux", "a=rtcp-mux\r\n", "", "sdp_unsupported", "no_rtcp_mux"),
                Arguments.of("no opus", "opus/48000/2", "PCMU/8000", "sdp_unsupported", "no_opus"),
                Arguments.of("no fingerprint", "a=fingerprint:[^\r]*\r\n", "", "sdp_unsupported",
                        "missing_fingerprint"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unanswerableOffers")
    void anUnanswerableOfferIsRefusedWithAnSdpCodeNamingTheReason(String name, String pattern, String replacement,
            String code, String reason) throws Exception {
        WsClient alice = new WsClient(http, server, "alice", "blue");
        alice.await("joined");
        try (WebRtcTestClient client = new WebRtcTestClient("alice", clientThreads)) {
            String spoiled = LoopbackOffer.publishing(client, SSRC).replaceFirst(pattern, replacement);
            assertThat(spoiled).as("the case changes the offer").isNotEqualTo(LoopbackOffer.publishing(client, SSRC));
            alice.send("offer", "sdp", spoiled);
            JsonNode error = alice.await("error");
            assertThat(error.path("code").asText()).isEqualTo(code);
            assertThat(error.path("message").asText()).startsWith(reason);
        }
        alice.socket.abort();
    }

    /** A client on loopback: signaling, its ICE/DTLS/SRTP peer, and what the relay told it. */
    private final class Peer implements AutoCloseable {
        final WsClient signaling;
        final WebRtcTestClient media;
        final long ssrc;
        final JsonNode local;

        Peer(String identity, long ssrc) throws Exception {
            this.ssrc = ssrc;
            signaling = new WsClient(http, server, identity, "blue");
            signaling.await("joined");
            media = new WebRtcTestClient(identity, clientThreads);
            WsClient.Answer answer = signaling.offer(LoopbackOffer.publishing(media, ssrc));
            media.connect(answer.candidate(), answer.ice(), answer.fingerprint());
            local = signaling.await("local_participant").path("participant");
        }

        /** Answers the relay's next offer; returns the section it added for {@code speaker}. */
        MediaDescription acceptSubscription(Peer speaker) throws Exception {
            String offer = signaling.await("offer").path("sdp").asText();
            signaling.send("answer", "sdp", LoopbackOffer.answering(media, ssrc, offer));
            SessionDescription parsed = SdpParser.parse(offer);
            assertThat(parsed.media().get(0).direction()).as("our own section is re-offered receive-only")
                    .isEqualTo(io.hivemind.relay.signaling.sdp.Direction.RECVONLY);
            return parsed.media().stream().filter(m -> m.direction()
                            == io.hivemind.relay.signaling.sdp.Direction.SENDONLY).findFirst().orElseThrow();
        }

        @Override
        public void close() throws Exception {
            signaling.socket.abort();
            media.close();
        }
    }

    @Test
    void eachPublisherIsOfferedTheOthersConsumerAndReceivesItsAudio() throws Exception {
        try (Peer alice = new Peer("alice", 0x1111_1111L); Peer bob = new Peer("bob", 0x2222_2222L)) {
            assertThat(alice.local.path("sid").asText()).startsWith("PA_");
            String aliceTrack = alice.local.path("tracks").get(0).path("sid").asText();
            MediaDescription forBob = bob.acceptSubscription(alice);
            MediaDescription forAlice = alice.acceptSubscription(bob);
            assertThat(forBob.first(io.hivemind.relay.signaling.sdp.Msid.class).streamId())
                    .isEqualTo(alice.local.path("sid").asText());
            assertThat(forBob.first(io.hivemind.relay.signaling.sdp.Msid.class).trackId()).isEqualTo(aliceTrack);
            assertThat(forAlice.first(io.hivemind.relay.signaling.sdp.Msid.class).streamId())
                    .isEqualTo(bob.local.path("sid").asText());
            long consumerSsrc = forBob.all(io.hivemind.relay.signaling.sdp.SsrcAttribute.class).get(0).ssrc();

            byte[] payload = {(byte) 0xfc, 9, 8, 7};
            for (int seq = 1; seq <= 3; seq++) {
                alice.media.sendToServer(alice.media.protectRtp((int) alice.ssrc, seq, payload));
            }
            byte[] heard = bob.media.receiveRtp();
            assertThat(heard).as("bob receives alice's audio").isNotNull();
            assertThat(java.nio.ByteBuffer.wrap(heard, 8, 4).getInt() & 0xffffffffL).isEqualTo(consumerSsrc);
            assertThat(java.util.Arrays.copyOfRange(heard, heard.length - payload.length, heard.length))
                    .isEqualTo(payload);

            alice.signaling.socket.sendText("{\"type\":\"mute\",\"trackSid\":\"" + aliceTrack
                    + "\",\"muted\":true}", true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            JsonNode muted = bob.signaling.await("muted");
            assertThat(muted.path("trackSid").asText()).isEqualTo(aliceTrack);
            assertThat(muted.path("muted").asBoolean()).isTrue();
            assertThat(muted.path("byServer").asBoolean()).isFalse();
        }
    }

    @Test
    void negotiationOutOfTurnIsRefusedWithItsOwnCode() throws Exception {
        try (Peer alice = new Peer("alice", 0x3333_3333L)) {
            alice.signaling.send("answer", "sdp", LoopbackOffer.publishing(alice.media, alice.ssrc));
            assertThat(alice.signaling.await("error").path("code").asText()).isEqualTo("negotiation_out_of_order");
            alice.signaling.send("offer", "sdp", LoopbackOffer.publishing(alice.media, alice.ssrc));
            assertThat(alice.signaling.await("error").path("code").asText()).isEqualTo("negotiation_out_of_order");
            alice.signaling.socket.sendText("{\"type\":\"mute\",\"trackSid\":\"TR_nope\",\"muted\":true}",
                    true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(alice.signaling.await("error").path("code").asText()).isEqualTo("track_not_found");
        }
    }

    /** Checks {@code condition} on the room's loop every 10 ms (a scheduled no-op, no sleep) until it holds. */
    private static boolean eventually(Room room, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (room.call(() -> {
                try {
                    return condition.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return true;
            }
            room.eventLoop().schedule(() -> { }, 10, TimeUnit.MILLISECONDS).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        return false;
    }
}
