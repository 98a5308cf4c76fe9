package io.hivemind.relay.server.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivemind.relay.hub.realtime.LogCapture;
import io.hivemind.relay.server.RelayConfig;
import io.hivemind.relay.server.RelayServer;
import io.hivemind.relay.signaling.auth.ApiKeyStore;
import io.hivemind.relay.signaling.auth.VideoGrant;
import io.hivemind.relay.signaling.http.SignalingException;
import io.hivemind.relay.signaling.rest.JsonCodec;
import io.nayuki.qrcodegen.QrCode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pairing and device REST API over real HTTP on 127.0.0.1, served by a started relay. */
class PairingRoutesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private RelayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(ApiKeyStore keys) throws Exception {
        server = RelayServer.start(new RelayConfig("127.0.0.1", 0, 0, null, dataDir, keys,
                RelayConfig.DEFAULT_CONSENT_TIMEOUT, null), 1);
    }

    private HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpAddress().getPort() + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JsonCodec.mapper().readTree(response.body());
    }

    private static String errorCode(HttpResponse<String> response) throws Exception {
        return json(response).path("error").path("code").asText();
    }

    private String token(String apiKey, VideoGrant grant) {
        return server.tokens().mint(server.tokens().grantFor(apiKey, "someone", "Someone", Duration.ofMinutes(5),
                grant));
    }

    private JsonNode createCode(String bearer) throws Exception {
        HttpResponse<String> created = send("POST", "/api/pairing/codes", bearer, "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created);
    }

    private HttpResponse<String> exchange(String code, String deviceName) throws Exception {
        return send("POST", "/api/pairing/exchange", null,
                JsonCodec.mapper().writeValueAsString(Map.of("code", code, "deviceName", deviceName)));
    }

    @Test
    void aPhonePairsIsListedUsesItsTokenAndIsRevoked() throws Exception {
        start(ApiKeyStore.development());
        JsonNode code = createCode(null);
        assertThat(code.path("code").asText()).matches("[2-9A-HJ-NP-Z]{10}");
        assertThat(code.path("pairUrl").asText()).isEqualTo("http://127.0.0.1:" + server.httpAddress().getPort()
                + "/pair?code=" + code.path("code").asText());

        HttpResponse<String> paired = exchange(code.path("code").asText(), "Alice's phone");
        assertThat(paired.statusCode()).as(paired.body()).isEqualTo(201);
        String deviceId = json(paired).path("deviceId").asText();
        String token = json(paired).path("token").asText();
        assertThat(json(paired).size()).isEqualTo(2);

        JsonNode listed = json(send("GET", "/api/devices", null, null)).path("devices");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("id").asText()).isEqualTo(deviceId);
        assertThat(listed.get(0).path("name").asText()).isEqualTo("Alice's phone");
        assertThat(listed.get(0).path("lastSeen").isNull()).isTrue();
        assertThat(listed.get(0).path("revoked").asBoolean()).isFalse();
        assertThat(listed.get(0).toString()).doesNotContain(token);

        assertThat(server.devices().verify(token).id()).isEqualTo(deviceId);
        assertThat(json(send("GET", "/api/devices", null, null)).path("devices").get(0).path("lastSeen").isNull())
                .as("seen once the token is used").isFalse();

        assertThat(send("DELETE", "/api/devices/" + deviceId, null, null).statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> server.devices().verify(token)).isInstanceOf(SignalingException.class)
                .hasMessage("device has been revoked");
        assertThat(json(send("GET", "/api/devices", null, null)).path("devices").get(0).path("revoked").asBoolean())
                .isTrue();
        HttpResponse<String> again = send("DELETE", "/api/devices/" + deviceId, null, null);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(errorCode(again)).isEqualTo("not_found");
    }

    @Test
    void aReusedCodeIsRefusedWithItsOwnCode() throws Exception {
        start(ApiKeyStore.development());
        String code = createCode(null).path("code").asText();
        assertThat(exchange(code, "Phone").statusCode()).isEqualTo(201);

        HttpResponse<String> reused = exchange(code, "Phone");

        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(errorCode(reused)).isEqualTo("pairing_code_used");
    }

    @Test
    void guessingIsRefusedWithRetryAfter() throws Exception {
        start(ApiKeyStore.development());
        String code = createCode(null).path("code").asText();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> guess = exchange("GUESSGUESS", "Phone");
            assertThat(guess.statusCode()).isEqualTo(400);
            assertThat(errorCode(guess)).isEqualTo("pairing_code_invalid");
        }

        HttpResponse<String> limited = exchange(code, "Phone");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(errorCode(limited)).isEqualTo("rate_limited");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 300L);
    }

    static Stream<Arguments> malformedExchanges() {
        return Stream.of(
                Arguments.of("not JSON", "{", "bad_json"),
                Arguments.of("unknown field", "{\"code\":\"ABCDEFGHJK\",\"deviceName\":\"x\",\"admin\":true}",
                        "bad_json"),
                Arguments.of("no device name", "{\"code\":\"ABCDEFGHJK\"}", "bad_request"),
                Arguments.of("JSON null", "null", "bad_request"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedExchanges")
    void malformedExchangesAreClearErrors(String name, String body, String expected) throws Exception {
        start(ApiKeyStore.development());

        HttpResponse<String> answer = send("POST", "/api/pairing/exchange", null, body);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(errorCode(answer)).isEqualTo(expected);
    }

    @Test
    void adminRoutesNeedAnAdminTokenWhenTheDevelopmentKeyIsNotUsed() throws Exception {
        start(new ApiKeyStore(Map.of("prodkey", "a-production-secret-that-is-long-enough-0123456789")));
        String admin = token("prodkey", VideoGrant.admin());
        String participant = token("prodkey", VideoGrant.join("blue"));

        HttpResponse<String> anonymous = send("POST", "/api/pairing/codes", null, "");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(errorCode(anonymous)).isEqualTo("token_missing");
        HttpResponse<String> joinOnly = send("GET", "/api/devices", participant, null);
        assertThat(joinOnly.statusCode()).isEqualTo(403);
        assertThat(errorCode(joinOnly)).isEqualTo("permission_denied");
        assertThat(send("DELETE", "/api/devices/x", participant, null).statusCode()).isEqualTo(403);

        JsonNode code = createCode(admin);
        assertThat(exchange(code.path("code").asText(), "Phone").statusCode()).isEqualTo(201);
        assertThat(json(send("GET", "/api/devices", admin, null)).path("devices")).hasSize(1);
    }

    @Test
    void theQrCodeEncodesThePairingUrl() throws Exception {
        start(ApiKeyStore.development());
        JsonNode code = createCode(null);
        String svg = code.path("qrSvg").asText();

        QrCode expected = QrCode.encodeText(code.path("pairUrl").asText(), QrCode.Ecc.MEDIUM);
        Set<String> dark = new HashSet<>();
        for (int y = 0; y < expected.size; y++) {
            for (int x = 0; x < expected.size; x++) {
                if (expected.getModule(x, y)) {
                    dark.add((x + 4) + "," + (y + 4));
                }
            }
        }
        List<String> drawn = new ArrayList<>();
        Matcher square = Pattern.compile("M(\\d+,\\d+)h1v1h-1z").matcher(svg);
        while (square.find()) {
            drawn.add(square.group(1));
        }

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
                + (expected.size + 8) + " " + (expected.size + 8) + "\"");
        assertThat(drawn).hasSize(dark.size()).containsExactlyInAnyOrderElementsOf(dark);
        assertThat(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement().getTagName()).isEqualTo("svg");
    }

    @Test
    void tokensAndCodesNeverReachTheLogs() throws Exception {
        List<String> lines;
        String code;
        String token;
        try (LogCapture logs = new LogCapture()) {
            start(ApiKeyStore.development());
            code = createCode(null).path("code").asText();
            HttpResponse<String> paired = exchange(code, "Phone");
            token = json(paired).path("token").asText();
            exchange(code, "Phone");
            send("GET", "/api/devices", token, null);
            server.devices().verify(token);
            send("DELETE", "/api/devices/" + json(paired).path("deviceId").asText(), null, null);
            server.close();
            lines = logs.lines();
        }
        assertThat(lines).anyMatch(line -> line.contains("paired"));
        assertThat(lines).noneMatch(line -> line.contains(token) || line.contains(code));
    }
}
