package io.hivemind.relay.signaling.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies and mints access tokens: JWT (RFC 7519) signed with HS256 (RFC 7518 section 3.2), LiveKit claim layout.
 * The algorithm is pinned: the verifier is built for HMAC-SHA256 with the secret of the token's {@code iss}, so a
 * token whose header says {@code none}, HS512 or RS256 fails with {@link ErrorCode#TOKEN_INVALID} before any
 * signature check (no algorithm confusion). {@code exp} is required. Failure messages are fixed strings: they
 * never contain the token, its claims or a secret.
 */
public final class TokenService {

    /** Tokens longer than this are refused unparsed (a LiveKit token is well under 1 KiB). */
    public static final int MAX_TOKEN_CHARS = 8192;
    private static final String ROOM_CONFIG = "roomConfig";
    /** More agents than this in one room is a mistake, not a room. */
    private static final int MAX_DISPATCHES = 8;

    private final ApiKeyStore keys;
    private final Clock clock;
    private final Duration leeway;

    /**
     * @param leeway clock skew tolerated on {@code exp} and {@code nbf} (whole seconds)
     */
    public TokenService(ApiKeyStore keys, Clock clock, Duration leeway) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.leeway = Objects.requireNonNull(leeway, "leeway");
    }

    /** Verifies {@code token}; throws a {@link SignalingException} with a token error code when it is not valid. */
    public AccessGrant verify(String token) {
        if (token == null || token.isEmpty()) {
            throw new SignalingException(ErrorCode.TOKEN_MISSING, "access token missing");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw invalid("access token too long");
        }
        DecodedJWT unverified;
        try {
            unverified = JWT.decode(token);
        } catch (JWTDecodeException e) {
            throw invalid("access token is not a JWT");
        }
        String secret = keys.secretOf(unverified.getIssuer());
        Verification verification = JWT.require(Algorithm.HMAC256(secret))
                .withIssuer(unverified.getIssuer())
                .withClaimPresence("exp")
                .acceptLeeway(leeway.toSeconds());
        // JWT.require always returns BaseVerification; build(Clock) is how java-jwt takes an injected clock.
        JWTVerifier verifier = ((JWTVerifier.BaseVerification) verification).build(clock);
        DecodedJWT verified;
        try {
            verified = verifier.verify(unverified);
        } catch (TokenExpiredException e) {
            throw new SignalingException(ErrorCode.TOKEN_EXPIRED, "access token expired");
        } catch (IncorrectClaimException e) {
            if ("nbf".equals(e.getClaimName())) {
                throw new SignalingException(ErrorCode.TOKEN_NOT_YET_VALID, "access token not yet valid");
            }
            throw invalid("access token claim " + e.getClaimName() + " is not valid");
        } catch (MissingClaimException e) {
            throw invalid("access token lacks a required claim");
        } catch (AlgorithmMismatchException e) {
            throw invalid("access token must be signed with HS256");
        } catch (SignatureVerificationException e) {
            throw invalid("access token signature does not verify");
        } catch (JWTVerificationException e) {
            throw invalid("access token is not valid");
        }
        return grantOf(verified);
    }

    /** Mints a token for {@code grant} signed with the secret of {@code grant.apiKey()} (dev page, tests, CLI). */
    public String mint(AccessGrant grant) {
        var builder = JWT.create().withIssuer(grant.apiKey()).withExpiresAt(grant.expiresAt())
                .withClaim("video", grant.video().toClaim());
        if (grant.identity() != null) {
            builder.withSubject(grant.identity());
        }
        if (grant.name() != null) {
            builder.withClaim("name", grant.name());
        }
        if (grant.notBefore() != null) {
            builder.withNotBefore(grant.notBefore());
        }
        if (!grant.agents().isEmpty()) {
            builder.withClaim(ROOM_CONFIG, Map.of("agents", grant.agents().stream()
                    .map(agent -> Map.of("agentName", agent)).toList()));
        }
        return builder.sign(Algorithm.HMAC256(keys.secretOf(grant.apiKey())));
    }

    /** A grant valid from now for {@code ttl}; convenience for {@link #mint(AccessGrant)}. */
    public AccessGrant grantFor(String apiKey, String identity, String name, Duration ttl, VideoGrant video) {
        Instant now = clock.instant();
        return new AccessGrant(apiKey, identity, name, now, now.plus(ttl), video);
    }

    private static AccessGrant grantOf(DecodedJWT jwt) {
        Claim video = jwt.getClaim("video");
        Map<String, Object> claim;
        try {
            claim = video.isMissing() || video.isNull() ? Map.of() : video.asMap();
        } catch (JWTDecodeException e) {
            throw invalid("access token video grant is not an object");
        }
        if (claim == null) {
            throw invalid("access token video grant is not an object");
        }
        String identity = jwt.getSubject();
        String name = jwt.getClaim("name").asString();
        return new AccessGrant(jwt.getIssuer(), identity, name != null ? name : identity,
                jwt.getNotBeforeAsInstant(), jwt.getExpiresAtAsInstant(), VideoGrant.fromClaim(claim),
                agentDispatches(jwt.getClaim(ROOM_CONFIG)));
    }

    /**
     * The {@code agentName}s of {@code roomConfig.agents} (LiveKit's agent dispatch at room creation); anything
     * else in {@code roomConfig} is ignored, a malformed one refuses the token.
     */
    private static List<String> agentDispatches(Claim roomConfig) {
        if (roomConfig.isMissing() || roomConfig.isNull()) {
            return List.of();
        }
        Map<String, Object> config;
        try {
            config = roomConfig.asMap();
        } catch (JWTDecodeException e) {
            config = null;
        }
        if (config == null) {
            throw invalid("access token roomConfig is not an object");
        }
        Object agents = config.get("agents");
        if (agents == null) {
            return List.of();
        }
        if (!(agents instanceof List<?> list) || list.size() > MAX_DISPATCHES) {
            throw invalid("access token roomConfig.agents must be a list of at most " + MAX_DISPATCHES);
        }
        List<String> names = new ArrayList<>();
        for (Object entry : list) {
            Object agentName = entry instanceof Map<?, ?> map ? map.get("agentName") : null;
            if (!(agentName instanceof String text) || text.isBlank() || text.length() > 64) {
                throw invalid("access token roomConfig.agents entries need an agentName");
            }
            names.add(text);
        }
        return names;
    }

    private static SignalingException invalid(String message) {
        return new SignalingException(ErrorCode.TOKEN_INVALID, message);
    }

    @Override
    public String toString() {
        return "TokenService[" + keys + ", leeway=" + leeway + "]";
    }
}
