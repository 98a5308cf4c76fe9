package io.hivemind.relay.signaling.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenServiceTest {

    static final String KEY = "APIdevkey";
    static final String SECRET = "s3cret-that-is-long-enough-for-hs256-0123456789";
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static TokenService service() {
        return new TokenService(new ApiKeyStore(Map.of(KEY, SECRET)), CLOCK, Duration.ofSeconds(10));
    }

    private static Map<String, Object> video(String room) {
        return VideoGrant.join(room).toClaim();
    }

    private static String signed(Function<com.auth0.jwt.JWTCreator.Builder, com.auth0.jwt.JWTCreator.Builder> claims,
            Algorithm algorithm) {
        return claims.apply(JWT.create()).sign(algorithm);
    }

    private static com.auth0.jwt.JWTCreator.Builder valid(com.auth0.jwt.JWTCreator.Builder b) {
        return b.withIssuer(KEY).withSubject("alice").withClaim("name", "Alice")
                .withNotBefore(NOW.minusSeconds(60)).withExpiresAt(NOW.plusSeconds(600))
                .withClaim("video", video("blue"));
    }

    static Stream<Arguments> refused() throws Exception {
        Algorithm hs256 = Algorithm.HMAC256(SECRET);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        var pair = rsa.generateKeyPair();
        Algorithm rs256 = Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iss\":\"" + KEY + "\",\"sub\":\"alice\",\"exp\":" + NOW.plusSeconds(600)
                .getEpochSecond() + ",\"video\":{\"room\":\"blue\",\"roomJoin\":true}}");
        return Stream.of(
                Arguments.of("expired", signed(b -> valid(b).withExpiresAt(NOW.minusSeconds(11)), hs256),
                        ErrorCode.TOKEN_EXPIRED),
                Arguments.of("nbf in the future", signed(b -> valid(b).withNotBefore(NOW.plusSeconds(11)), hs256),
                        ErrorCode.TOKEN_NOT_YET_VALID),
                Arguments.of("wrong secret", signed(TokenServiceTest::valid,
                        Algorithm.HMAC256("another-secret-that-is-long-enough-0123456789")), ErrorCode.TOKEN_INVALID),
                Arguments.of("alg none", header + "." + payload + ".", ErrorCode.TOKEN_INVALID),
                Arguments.of("alg none with signature", header + "." + payload + "." + b64("x"),
                        ErrorCode.TOKEN_INVALID),
                Arguments.of("HS512 with the right secret", signed(TokenServiceTest::valid,
                        Algorithm.HMAC512(SECRET)), ErrorCode.TOKEN_INVALID),
                Arguments.of("RS256", signed(TokenServiceTest::valid, rs256), ErrorCode.TOKEN_INVALID),
                Arguments.of("missing exp", signed(b -> b.withIssuer(KEY).withSubject("alice")
                        .withClaim("video", video("blue")), hs256), ErrorCode.TOKEN_INVALID),
                Arguments.of("unknown iss", signed(b -> valid(b).withIssuer("someone-else"), hs256),
                        ErrorCode.UNKNOWN_API_KEY),
                Arguments.of("no iss", signed(b -> b.withSubject("alice").withExpiresAt(NOW.plusSeconds(60)), hs256),
                        ErrorCode.UNKNOWN_API_KEY),
                Arguments.of("video not an object", signed(b -> valid(b).withClaim("video", "all"), hs256),
                        ErrorCode.TOKEN_INVALID),
                Arguments.of("roomConfig not an object", signed(b -> valid(b).withClaim("roomConfig", "x"), hs256),
                        ErrorCode.TOKEN_INVALID),
                Arguments.of("roomConfig agent without a name", signed(b -> valid(b).withClaim("roomConfig",
                        Map.of("agents", List.of(Map.of("metadata", "m")))), hs256), ErrorCode.TOKEN_INVALID),
                Arguments.of("not a JWT", "not.a.jwt", ErrorCode.TOKEN_INVALID),
                Arguments.of("empty", "", ErrorCode.TOKEN_MISSING),
                Arguments.of("too long", "a".repeat(TokenService.MAX_TOKEN_CHARS + 1), ErrorCode.TOKEN_INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWithStableCodeAndNoSecretInMessage(String name, String token, ErrorCode expected) {
        SignalingException error = catchThrowableOfType(SignalingException.class, () -> service().verify(token));
        assertThat(error.code()).isEqualTo(expected);
        assertThat(error.getMessage()).doesNotContain(SECRET);
        if (token.length() > 20) {
            assertThat(error.getMessage()).doesNotContain(token).doesNotContain(token.substring(token.length() - 20));
        }
    }

    @Test
    void acceptsValidTokenWithinLeeway() {
        String token = signed(b -> valid(b).withExpiresAt(NOW.minusSeconds(5)), Algorithm.HMAC256(SECRET));
        AccessGrant grant = service().verify(token);
        assertThat(grant.identity()).isEqualTo("alice");
        assertThat(grant.name()).isEqualTo("Alice");
        assertThat(grant.apiKey()).isEqualTo(KEY);
        assertThat(grant.video()).isEqualTo(VideoGrant.join("blue"));
    }

    static Stream<Arguments> grants() {
        return Stream.of(
                Arguments.of("absent flags: publish/subscribe/data default on, others off", Map.of("room", "r"),
                        new VideoGrant("r", false, true, true, true, false, false, false, false, false)),
                Arguments.of("explicit denials", Map.of("room", "r", "roomJoin", true, "canPublish", false,
                        "canSubscribe", false, "canPublishData", false),
                        new VideoGrant("r", true, false, false, false, false, false, false, false, false)),
                Arguments.of("admin flags", Map.of("roomAdmin", true, "roomCreate", true, "roomList", true,
                        "hidden", true, "agent", true),
                        new VideoGrant(null, false, true, true, true, true, true, true, true, true)),
                Arguments.of("non-boolean flag is off", Map.of("roomJoin", "yes"),
                        new VideoGrant(null, false, true, true, true, false, false, false, false, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grants")
    void readsLiveKitVideoGrant(String name, Map<String, Object> claim, VideoGrant expected) {
        String token = signed(b -> b.withIssuer(KEY).withSubject("bob").withExpiresAt(NOW.plusSeconds(60))
                .withClaim("video", claim), Algorithm.HMAC256(SECRET));
        assertThat(service().verify(token).video()).isEqualTo(expected);
    }

    @Test
    void mintedTokenVerifiesAndGrantChecksApply() {
        TokenService tokens = service();
        AccessGrant minted = tokens.grantFor(KEY, "carol", "Carol", Duration.ofMinutes(5), VideoGrant.join("blue"));
        AccessGrant grant = tokens.verify(tokens.mint(minted));
        assertThat(grant).isEqualTo(minted);
        grant.requireJoin("blue");
        assertThat(catchThrowableOfType(SignalingException.class, () -> grant.requireJoin("red")).code())
                .isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(catchThrowableOfType(SignalingException.class, grant::requireRoomCreate).code())
                .isEqualTo(ErrorCode.PERMISSION_DENIED);
        AccessGrant admin = tokens.verify(tokens.mint(
                tokens.grantFor(KEY, "ops", null, Duration.ofMinutes(5), VideoGrant.admin())));
        admin.requireRoomAdmin("any-room");
        admin.requireRoomCreate();
        admin.requireRoomList();
    }

    @Test
    void roomConfigAgentsRoundTripAsLiveKitsAgentDispatches() {
        TokenService tokens = service();
        AccessGrant grant = tokens.grantFor(KEY, "alice", "Alice", java.time.Duration.ofMinutes(5),
                VideoGrant.join("blue")).withAgents(List.of("repo-guide", "builder"));

        AccessGrant verified = tokens.verify(tokens.mint(grant));

        assertThat(verified.agents()).containsExactly("repo-guide", "builder");
        assertThat(tokens.verify(tokens.mint(grant.withAgents(List.of()))).agents()).isEmpty();
    }

    @Test
    void secretsNeverInToStringOrConfigErrors() {
        ApiKeyStore store = new ApiKeyStore(Map.of(KEY, SECRET));
        assertThat(store.toString()).contains(KEY).doesNotContain(SECRET);
        assertThat(service().toString()).doesNotContain(SECRET);
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new ApiKeyStore(Map.of(KEY, "short-secret"))).getMessage()).doesNotContain("short-secret");
        String token = service().mint(service().grantFor(KEY, "dan", null, Duration.ofMinutes(1),
                VideoGrant.join("blue")));
        assertThat(new io.hivemind.relay.signaling.ws.ClientMessage.Join(token).toString()).doesNotContain(token);
    }

    @Test
    void developmentPairIsRecognised() {
        assertThat(ApiKeyStore.development().isDevelopment()).isTrue();
        assertThat(ApiKeyStore.development().keys()).containsExactly(ApiKeyStore.DEVELOPMENT_KEY);
        assertThat(new ApiKeyStore(Map.of(KEY, SECRET)).isDevelopment()).isFalse();
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new ApiKeyStore(Map.of())))
                .hasMessageContaining("at least one");
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
