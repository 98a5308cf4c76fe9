package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivemind.relay.sfu.dtls.DtlsCertificate;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.webrtc.WebRtcTestClient;
import io.hivemind.relay.signaling.auth.ApiKeyStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of a running relay carries what its media path did: two clients join over {@code /ws} and
 * connect over real UDP/ICE/DTLS/SRTP on 127.0.0.1, one publishes and the relay forwards to the other, and a third
 * whose certificate does not match the fingerprint in its offer fails DTLS.
 */
class RelayMetricsLoopbackTest {

    private static final long TIMEOUT_SECONDS = WebRtcTestClient.TIMEOUT_SECONDS;
    private static final int ALICE_SSRC = 0x1111_2222;
    private static final int BOB_SSRC = 0x3333_4444;
    private static final byte[] PAYLOAD = {(byte) 0xfc, 1, 2, 3};

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService clientThreads = Executors.newCachedThreadPool();
    private RelayServer server;

    @BeforeEach
    void start() throws Exception {
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
    void forwardedMediaShowsAsPacketsBytesAndForwardingDelay() throws Exception {
        String before = scrape();
        assertThat(value(before, "relay_packets_in_total")).isZero();
        assertThat(value(before, "relay_forwarding_delay_seconds_count")).isZero();

        try (WebRtcTestClient alice = connect("alice", ALICE_SSRC);
                WebRtcTestClient bob = connect("bob", BOB_SSRC)) {
            Room room = server.rooms().requireRoom("blue");
            int seq = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            String metrics = before;
            // Packets go on until a collection (every second) has seen both directions; no fixed count is assumed,
            // since bob's side of DTLS may finish on the relay a little after his client's.
            while (System.nanoTime() < deadline && !(value(metrics, "relay_packets_out_total") > 0
                    && value(metrics, "relay_forwarding_delay_seconds_count") > 0)) {
                alice.sendToServer(alice.protectRtp(ALICE_SSRC, ++seq, PAYLOAD));
                room.eventLoop().schedule(() -> { }, 20, TimeUnit.MILLISECONDS).get(TIMEOUT_SECONDS,
                        TimeUnit.SECONDS);
                metrics = scrape();
            }
            assertThat(value(metrics, "relay_packets_in_total")).isPositive();
            assertThat(value(metrics, "relay_bytes_in_total")).isGreaterThanOrEqualTo(
                    value(metrics, "relay_packets_in_total") * (12 + 4));
            assertThat(value(metrics, "relay_packets_out_total")).isPositive();
            assertThat(value(metrics, "relay_bytes_out_total")).isPositive();
            double forwarded = value(metrics, "relay_forwarding_delay_seconds_count");
            assertThat(forwarded).isPositive().isLessThanOrEqualTo(seq);
            assertThat(value(metrics, "relay_forwarding_delay_seconds_bucket", "le=\"+Inf\"")).isEqualTo(forwarded);
            assertThat(value(metrics, "relay_dtls_failures_total")).isZero();
            byte[] heard = bob.receiveRtp();
            assertThat(heard).as("bob hears alice").isNotNull();
            assertThat(Arrays.copyOfRange(heard, heard.length - PAYLOAD.length, heard.length)).isEqualTo(PAYLOAD);
        }
    }

    @Test
    void aPeerWithAForgedFingerprintCountsAsADtlsFailure() throws Exception {
        WsClient signaling = new WsClient(http, server, "mallory", "blue");
        signaling.await("joined");
        try (WebRtcTestClient mallory = new WebRtcTestClient("mallory", clientThreads)) {
            String honest = LoopbackOffer.publishing(mallory, ALICE_SSRC & 0xffffffffL);
            String forged = honest.replace(WebRtcTestClient.fingerprint().toSdp(),
                    DtlsCertificate.generate().fingerprint().toSdp());
            assertThat(forged).isNotEqualTo(honest);
            WsClient.Answer answer = signaling.offer(forged);

            assertThatThrownBy(() -> mallory.connect(answer.candidate(), answer.ice(), answer.fingerprint()))
                    .as("the relay refuses the handshake").isNotNull();
            assertThat(eventually(metrics -> value(metrics, "relay_dtls_failures_total") == 1)).isTrue();
        }
        signaling.socket.abort();
    }

    /** Joins {@code identity} to room "blue" over /ws, publishing {@code ssrc}, and connects its media. */
    private WebRtcTestClient connect(String identity, int ssrc) throws Exception {
        WsClient signaling = new WsClient(http, server, identity, "blue");
        signaling.await("joined");
        WebRtcTestClient client = new WebRtcTestClient(identity, clientThreads);
        WsClient.Answer answer = signaling.offer(LoopbackOffer.publishing(client, ssrc & 0xffffffffL));
        client.connect(answer.candidate(), answer.ice(), answer.fingerprint());
        return client;
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.httpAddress().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Scrapes every 20 ms until {@code condition} holds on the text or the timeout passes. */
    private boolean eventually(Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (condition.test(scrape())) {
                return true;
            }
            server.rooms().requireRoom("blue").eventLoop().schedule(() -> { }, 20, TimeUnit.MILLISECONDS)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        return false;
    }

    /** The sample of {@code name} whose labels contain every one of {@code labels}. */
    private static double value(String metrics, String name, String... labels) {
        Matcher sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        while (sample.find()) {
            String found = sample.group(1) == null ? "" : sample.group(1);
            if (List.of(labels).stream().allMatch(found::contains)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        throw new AssertionError("no sample " + name + " " + List.of(labels) + " in\n" + metrics);
    }
}
