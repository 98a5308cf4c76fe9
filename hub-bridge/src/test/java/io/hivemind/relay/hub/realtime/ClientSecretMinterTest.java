package io.hivemind.relay.hub.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivemind.relay.hub.realtime.fake.FakeRealtimeServer;
import io.hivemind.relay.hub.realtime.fake.FakeScript;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientSecretMinterTest {

    private static final String KEY = "sk-minter-test-secret";

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeRealtimeServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void mintsASecretForTheAgentsSession() throws Exception {
        server = FakeRealtimeServer.start(KEY, FakeScript.defaults());
        Instant before = Instant.now();

        ClientSecret secret = minter(KEY, ClientSecretMinter.DEFAULT_TTL).mint(RealtimeClientTest.SESSION)
                .get(10, TimeUnit.SECONDS);

        assertThat(secret.value().reveal()).isEqualTo(server.mintedSecrets().get(0)).startsWith("ek_");
        assertThat(secret.model()).isEqualTo("gpt-realtime");
        assertThat(secret.expiresAt()).isAfterOrEqualTo(before.plusSeconds(599).truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS));
        JsonNode request = server.secretRequests().get(0);
        assertThat(request.get("expires_after").toString()).isEqualTo(
                "{\"anchor\":\"created_at\",\"seconds\":600}");
        assertThat(request.get("session")).isEqualTo(RealtimeClientTest.SESSION.toJson("gpt-realtime"));
        assertThat(server.violations()).isEmpty();
        assertThat(secret.toString()).doesNotContain(secret.value().reveal());
    }

    @Test
    void ttlIsConfigurable() throws Exception {
        server = FakeRealtimeServer.start(KEY, FakeScript.defaults());
        minter(KEY, Duration.ofSeconds(60)).mint(RealtimeClientTest.SESSION).get(10, TimeUnit.SECONDS);
        assertThat(server.secretRequests().get(0).at("/expires_after/seconds").asInt()).isEqualTo(60);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("wrong key", "sk-wrong-key", 0, ClientSecretException.Kind.UNAUTHORIZED, 401,
                        "invalid_api_key"),
                Arguments.of("rate limited", KEY, 429, ClientSecretException.Kind.RATE_LIMITED, 429, "server_error"),
                Arguments.of("upstream failure", KEY, 503, ClientSecretException.Kind.UPSTREAM_ERROR, 503,
                        "server_error"),
                Arguments.of("refused request", KEY, 400, ClientSecretException.Kind.REJECTED, 400, "server_error"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusalsAreTyped(String name, String key, int failure, ClientSecretException.Kind kind, int status,
            String code) throws Exception {
        server = FakeRealtimeServer.start(KEY, FakeScript.defaults());
        server.failSecretsWith(failure);

        ClientSecretException thrown = failure(minter(key, ClientSecretMinter.DEFAULT_TTL));

        assertThat(thrown.kind()).isEqualTo(kind);
        assertThat(thrown.status()).isEqualTo(status);
        assertThat(thrown.upstreamCode()).isEqualTo(code);
        // The fake echoes the whole key in its 401 message: it must not travel on.
        assertThat(thrown.getMessage()).doesNotContain(key).doesNotContain("Incorrect API key");
    }

    @Test
    void anUnreachableEndpointIsTyped() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RealtimeEndpoint nowhere = new RealtimeEndpoint(URI.create("ws://127.0.0.1:" + closedPort + "/v1/realtime"),
                "gpt-realtime");
        ClientSecretException thrown = failure(new ClientSecretMinter(nowhere, ApiSecret.of(KEY), http,
                ClientSecretMinter.DEFAULT_TTL, Duration.ofSeconds(5)));
        assertThat(thrown.kind()).isEqualTo(ClientSecretException.Kind.UNREACHABLE);
        assertThat(thrown.status()).isZero();
    }

    @ParameterizedTest(name = "{0} s")
    @ValueSource(longs = {0, 9, 7201})
    void refusesTtlsTheEndpointWouldRefuse(long seconds) {
        assertThatThrownBy(() -> new ClientSecretMinter(RealtimeEndpoint.openAi(), ApiSecret.of(KEY), http,
                Duration.ofSeconds(seconds), Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class);
    }

    private ClientSecretMinter minter(String key, Duration ttl) {
        return new ClientSecretMinter(new RealtimeEndpoint(server.baseUrl(), "gpt-realtime"), ApiSecret.of(key),
                http, ttl, Duration.ofSeconds(10));
    }

    private static ClientSecretException failure(ClientSecretMinter minter) {
        try {
            minter.mint(RealtimeClientTest.SESSION).join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(ClientSecretException.class);
            return (ClientSecretException) e.getCause();
        }
        throw new AssertionError("minting did not fail");
    }
}
