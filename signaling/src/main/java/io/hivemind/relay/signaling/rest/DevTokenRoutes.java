package io.hivemind.relay.signaling.rest;

import io.hivemind.relay.signaling.auth.ApiKeyStore;
import io.hivemind.relay.signaling.auth.TokenService;
import io.hivemind.relay.signaling.auth.VideoGrant;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * {@code POST /api/dev/token} mints a join token for the call page, so a fresh {@code serve} works without a token
 * tool. Mounted only with the development key, which the server accepts only on a loopback address: anyone who can
 * reach it can join any room, which is what the development key means anyway. Body
 * {@code {"room": "lobby", "identity": "alice", "name": "Alice"}} ({@code name} optional); answer
 * {@code {"token": "..."}} valid for {@link #TTL}.
 */
public final class DevTokenRoutes {

    /** Long enough for a call, short enough that a leaked development token soon dies. */
    public static final Duration TTL = Duration.ofHours(2);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    private final TokenService tokens;

    public DevTokenRoutes(TokenService tokens) {
        this.tokens = tokens;
    }

    /** The body of a token request. */
    public record TokenRequest(String room, String identity, String name) {
    }

    /** Adds the route to {@code router}. */
    public RestRouter.Builder addTo(RestRouter.Builder router) {
        return router.route(HttpMethod.POST, "/api/dev/token", request -> {
            TokenRequest body = request.bodyAs(TokenRequest.class);
            if (body == null || !valid(body.room()) || !valid(body.identity())) {
                throw new SignalingException(ErrorCode.BAD_REQUEST,
                        "room and identity are required: 1-64 letters, digits, '_', '.' or '-'");
            }
            String name = body.name() == null || body.name().isBlank() ? body.identity()
                    : body.name().substring(0, Math.min(body.name().length(), 64));
            String token = tokens.mint(tokens.grantFor(ApiKeyStore.DEVELOPMENT_KEY, body.identity(), name, TTL,
                    VideoGrant.join(body.room())));
            return CompletableFuture.completedFuture(RestResponse.ok(Map.of("token", token)));
        });
    }

    private static boolean valid(String value) {
        return value != null && NAME.matcher(value).matches();
    }
}
