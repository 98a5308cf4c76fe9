package io.hivemind.relay.signaling.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.signaling.auth.AccessGrant;
import io.hivemind.relay.signaling.auth.ApiKeyStore;
import io.hivemind.relay.signaling.auth.TokenService;
import io.hivemind.relay.signaling.http.LoopbackSignaling;
import io.hivemind.relay.signaling.http.SignalingException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CallPageRoutesTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    static Stream<Arguments> pageFiles() {
        return Stream.of(
                Arguments.of("/", "text/html; charset=utf-8", "<script src=\"/call.js\"></script>"),
                Arguments.of("/call.js", "text/javascript; charset=utf-8", "window.relayCall"),
                Arguments.of("/relay-call.js", "text/javascript; charset=utf-8", "class RelayCall"),
                Arguments.of("/dashboard", "text/html; charset=utf-8", "<script src=\"/dashboard.js\"></script>"),
                Arguments.of("/dashboard.js", "text/javascript; charset=utf-8", "window.relayDashboard"),
                Arguments.of("/pair", "text/html; charset=utf-8", "<script src=\"/pair.js\"></script>"),
                Arguments.of("/pair.js", "text/javascript; charset=utf-8", "/api/pairing/exchange"),
                Arguments.of("/call.css", "text/css; charset=utf-8", "@media (max-width: 600px)"),
                Arguments.of("/api/page-config", "application/json", "{\"devTokens\":false}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pageFiles")
    void servesThePageUncachedAndUnsniffed(String path, String contentType, String excerpt) throws Exception {
        try (LoopbackSignaling signaling = new LoopbackSignaling()) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(signaling.uri(path)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue(contentType);
            assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
            assertThat(response.headers().firstValue("x-content-type-options")).hasValue("nosniff");
            assertThat(response.body()).contains(excerpt);
            assertThat(response.headers().firstValue("content-security-policy").isPresent())
                    .as("a policy on the HTML pages only").isEqualTo(contentType.startsWith("text/html"));
        }
    }

    private final TokenService tokens = new TokenService(ApiKeyStore.development(), Clock.systemUTC(),
            Duration.ZERO);
    private final RestRouter router = new DevTokenRoutes(tokens).addTo(RestRouter.builder()).build();

    private Object post(String body) throws Exception {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/dev/token",
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        try {
            return router.dispatch(request).toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } finally {
            request.release();
        }
    }

    @Test
    void mintsAJoinTokenForTheNamedRoomAndIdentity() throws Exception {
        RestResponse response = (RestResponse) post("{\"room\":\"lobby\",\"identity\":\"alice\",\"name\":\"Alice\"}");

        String token = new String(response.body(), StandardCharsets.UTF_8).replaceAll(".*\"token\":\"([^\"]+)\".*",
                "$1");
        AccessGrant grant = tokens.verify(token);
        assertThat(grant.identity()).isEqualTo("alice");
        assertThat(grant.name()).isEqualTo("Alice");
        assertThat(grant.video().room()).isEqualTo("lobby");
        assertThat(grant.video().roomJoin()).isTrue();
        assertThat(grant.video().roomAdmin()).as("a join token, nothing more").isFalse();
        assertThat(Duration.between(grant.notBefore(), grant.expiresAt())).isLessThanOrEqualTo(DevTokenRoutes.TTL
                .plusMinutes(1));
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("no identity", "{\"room\":\"lobby\"}"),
                Arguments.of("empty room", "{\"room\":\"\",\"identity\":\"a\"}"),
                Arguments.of("path characters", "{\"room\":\"../x\",\"identity\":\"a\"}"),
                Arguments.of("too long", "{\"room\":\"lobby\",\"identity\":\"" + "a".repeat(65) + "\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusesBadNames(String name, String body) throws Exception {
        Object result = post(body);

        assertThat(result).isInstanceOf(SignalingException.class);
        assertThat(((SignalingException) result).code().wireName()).isEqualTo("bad_request");
    }
}
