package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivemind.relay.sfu.api.DirectTransport;
import io.hivemind.relay.sfu.room.JoinOptions;
import io.hivemind.relay.sfu.room.TrackInfo;
import io.hivemind.relay.sfu.room.TrackOptions;
import io.hivemind.relay.signaling.auth.ApiKeyStore;
import io.hivemind.relay.signaling.auth.VideoGrant;
import io.netty.buffer.ByteBuf;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private RelayServer server;

    @BeforeEach
    void start() throws Exception {
        server = RelayServer.start(config(0, 0), 2);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RelayConfig config(int httpPort, int mediaPort) {
        return new RelayConfig("127.0.0.1", httpPort, mediaPort, null, dataDir, ApiKeyStore.development(),
                RelayConfig.DEFAULT_CONSENT_TIMEOUT, null);
    }

    /** A relay beside the running one: its own data directory, since a data directory belongs to one relay. */
    private RelayConfig secondRelay(int httpPort, int mediaPort) {
        return new RelayConfig("127.0.0.1", httpPort, mediaPort, null, dataDir.resolve("second"),
                ApiKeyStore.development(), RelayConfig.DEFAULT_CONSENT_TIMEOUT, null);
    }

    private String adminToken() {
        return server.tokens().mint(server.tokens().grantFor(ApiKeyStore.DEVELOPMENT_KEY, "admin", "Admin",
                Duration.ofMinutes(5), VideoGrant.admin()));
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("http", path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (path.startsWith("/api/")) {
            request.header("Authorization", "Bearer " + adminToken());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.httpAddress().getPort() + path);
    }

    /** Scrapes /metrics until {@code condition} holds, for at most {@link #TIMEOUT}; returns the last scrape. */
    private String awaitMetrics(Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String metrics = send("GET", "/metrics", null).body();
        while (!condition.test(metrics) && System.nanoTime() < deadline) {
            metrics = send("GET", "/metrics", null).body();
        }
        return metrics;
    }

    @Test
    void healthzAnswersOk() throws Exception {
        HttpResponse<String> health = send("GET", "/healthz", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void roomsAreCreatedListedAndDeletedThroughRestAndCounted() throws Exception {
        HttpResponse<String> created = send("POST", "/api/rooms", "{\"name\":\"blue\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"name\":\"blue\"", "\"numParticipants\":0");
        assertThat(send("POST", "/api/rooms", "{\"name\":\"blue\"}").body()).contains("room_exists");
        assertThat(send("GET", "/api/rooms", null).body()).contains("\"rooms\":[{\"name\":\"blue\"");
        assertThat(send("GET", "/api/rooms/blue/participants", null).body()).isEqualTo("{\"participants\":[]}");
        assertThat(awaitMetrics(m -> m.contains("relay_rooms 1.0"))).contains("relay_rooms 1.0");

        assertThat(send("DELETE", "/api/rooms/blue", null).statusCode()).isEqualTo(204);
        HttpResponse<String> again = send("DELETE", "/api/rooms/blue", null);

        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("\"code\":\"room_not_found\"");
        assertThat(send("GET", "/api/rooms", null).body()).isEqualTo("{\"rooms\":[]}");
        assertThat(awaitMetrics(m -> m.contains("relay_rooms 0.0"))).contains("relay_rooms 0.0");
    }

    @Test
    void participantsAreListedMutedAndRemovedThroughRest() throws Exception {
        send("POST", "/api/rooms", "{\"name\":\"green\"}");
        CompletableFuture<Void> closed = new CompletableFuture<>();
        server.rooms().joinDirect("green", JoinOptions.of("bob"), new DirectTransport.Receiver() {
            @Override
            public void onRtp(ByteBuf packet) {
                packet.release();
            }

            @Override
            public void onClose() {
                closed.complete(null);
            }
        }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        TrackInfo track = server.rooms().publish("green", "bob", new TrackOptions("0", 0xB0B, 111, 0, false))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        String trackPath = "/api/rooms/green/participants/bob/tracks/" + track.producerId() + "/mute";

        assertThat(send("GET", "/api/rooms/green/participants", null).body())
                .contains("\"identity\":\"bob\"", "{\"sid\":\"" + track.producerId() + "\",\"kind\":\"audio\","
                        + "\"muted\":false}");
        HttpResponse<String> muted = send("POST", trackPath, "{\"muted\":true}");
        assertThat(muted.statusCode()).isEqualTo(200);
        assertThat(muted.body()).contains("\"muted\":true");
        assertThat(awaitMetrics(m -> m.contains("relay_participants 1.0"))).contains("relay_participants 1.0");

        assertThat(send("DELETE", "/api/rooms/green/participants/bob", null).statusCode()).isEqualTo(204);
        closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(send("GET", "/api/rooms/green/participants", null).body()).isEqualTo("{\"participants\":[]}");
        assertThat(awaitMetrics(m -> m.contains("relay_participants 0.0"))).contains("relay_participants 0.0");
    }

    @Test
    void participantAndTrackErrorsUseTheProtocolCodes() throws Exception {
        send("POST", "/api/rooms", "{\"name\":\"green\"}");

        HttpResponse<String> participant = send("DELETE", "/api/rooms/green/participants/bob", null);
        HttpResponse<String> track = send("POST", "/api/rooms/green/participants/bob/tracks/TR_1/mute",
                "{\"muted\":true}");
        HttpResponse<String> room = send("GET", "/api/rooms/red/participants", null);

        assertThat(participant.statusCode()).isEqualTo(404);
        assertThat(participant.body()).contains("participant_not_found");
        assertThat(track.statusCode()).isEqualTo(404);
        assertThat(room.statusCode()).isEqualTo(404);
        assertThat(room.body()).contains("room_not_found");
    }

    @Test
    void aStunRequestWithoutCredentialsReachesTheMediaPortAndIsCountedAsDropped() throws Exception {
        assertThat(server.mediaAddresses()).hasSize(2).allSatisfy(address -> {
            assertThat(address.getAddress().isLoopbackAddress()).isTrue();
            assertThat(address.getPort()).isPositive();
        });
        // RFC 8489 §5: a Binding request (type 0x0001), no attributes, magic cookie, transaction id.
        byte[] binding = {0, 1, 0, 0, 0x21, 0x12, (byte) 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (InetSocketAddress media : server.mediaAddresses()) {
                client.send(new DatagramPacket(binding, binding.length, media));
            }
        }

        String counted = "relay_drops_total{reason=\"stun_unknown_username\"} 2.0";
        assertThat(awaitMetrics(m -> m.contains(counted))).contains(counted);
    }

    @Test
    void aWebSocketJoinIsAnsweredWithTheRoom() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(uri("ws", "/ws"), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                reply.complete(data.toString());
                return null;
            }
        }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        String token = server.tokens().mint(server.tokens().grantFor(ApiKeyStore.DEVELOPMENT_KEY, "alice",
                "Alice", Duration.ofMinutes(5), VideoGrant.join("blue")));

        socket.sendText("{\"type\":\"join\",\"token\":\"" + token + "\"}", true);

        assertThat(reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .contains("\"type\":\"joined\"", "\"room\":\"blue\"", "\"identity\":\"alice\"");
        socket.abort();
    }

    @Test
    void aPortInUseFailsTheStartNamingThePort() throws Exception {
        int httpPort = server.httpAddress().getPort();
        int mediaPort = server.mediaAddresses().get(0).getPort();

        assertThatThrownBy(() -> RelayServer.start(secondRelay(httpPort, 0), 1))
                .isInstanceOf(RelayStartException.class)
                .hasMessageStartingWith("cannot bind HTTP port 127.0.0.1:" + httpPort + ": ");
        assertThatThrownBy(() -> RelayServer.start(secondRelay(0, mediaPort), 1))
                .isInstanceOf(RelayStartException.class)
                .hasMessageStartingWith("cannot bind UDP media port 127.0.0.1:" + mediaPort + ": ");
    }

    @Test
    void anUnreadableTlsCertificateFailsTheStartNamingTheSettings() throws Exception {
        Path certificate = Files.writeString(dataDir.resolve("cert.pem"), "not a certificate");
        Path key = Files.writeString(dataDir.resolve("key.pem"), "not a key");
        RelayConfig tls = new RelayConfig("127.0.0.1", 0, 0, null, dataDir.resolve("second"),
                ApiKeyStore.development(),
                RelayConfig.DEFAULT_CONSENT_TIMEOUT, new RelayConfig.TlsFiles(certificate, key));

        assertThatThrownBy(() -> RelayServer.start(tls, 1))
                .isInstanceOf(RelayStartException.class)
                .hasMessageStartingWith("cannot load the TLS certificate " + certificate)
                .hasMessageContaining("(http.tls_cert, http.tls_key)");
    }

    @Test
    void closeReleasesThePortsAndIsIdempotent() throws Exception {
        int httpPort = server.httpAddress().getPort();
        int mediaPort = server.mediaAddresses().get(0).getPort();
        server.close();
        server.close();

        server = RelayServer.start(config(httpPort, mediaPort), 1);

        assertThat(server.httpAddress().getPort()).isEqualTo(httpPort);
        assertThat(server.mediaAddresses()).extracting(InetSocketAddress::getPort).containsExactly(mediaPort);
        assertThat(send("GET", "/healthz", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aFailedStartReleasesWhatItOpened() throws Exception {
        int mediaPort;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            mediaPort = probe.getLocalPort();
        }
        int httpPort = server.httpAddress().getPort();
        assertThatThrownBy(() -> RelayServer.start(secondRelay(httpPort, mediaPort), 1))
                .isInstanceOf(RelayStartException.class);

        try (DatagramSocket rebound = new DatagramSocket(new InetSocketAddress("127.0.0.1", mediaPort))) {
            assertThat(rebound.getLocalPort()).isEqualTo(mediaPort);
        }
    }
}
