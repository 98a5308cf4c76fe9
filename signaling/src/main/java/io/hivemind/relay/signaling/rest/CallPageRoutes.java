package io.hivemind.relay.signaling.rest;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The built-in pages: plain HTML, CSS and JavaScript from the classpath (no build step, nothing from a CDN), read
 * once at start, and {@code GET /api/page-config} telling the pages whether the server mints development tokens.
 * <pre>
 * GET /                 the call page (a multi-party room)
 * GET /dashboard        agents, the call modal, pairing phones and the device list
 * GET /pair             a phone exchanges a pairing code for a device token
 * GET /relay-call.js    the room session shared by the call page and the dashboard
 * GET /call.js, /dashboard.js, /pair.js, /call.css   the pages' scripts and their shared style
 * GET /api/page-config  {"devTokens": true|false}
 * </pre>
 */
public final class CallPageRoutes {

    private static final String BASE = "/io/hivemind/relay/signaling/web/";

    private final boolean devTokens;
    private static final String HTML = "text/html; charset=utf-8";
    private static final String SCRIPT = "text/javascript; charset=utf-8";

    private final Map<String, RestResponse> files = Map.of(
            "/", resource("index.html", HTML),
            "/dashboard", resource("dashboard.html", HTML),
            "/pair", resource("pair.html", HTML),
            "/relay-call.js", resource("relay-call.js", SCRIPT),
            "/call.js", resource("call.js", SCRIPT),
            "/dashboard.js", resource("dashboard.js", SCRIPT),
            "/pair.js", resource("pair.js", SCRIPT),
            "/call.css", resource("call.css", "text/css; charset=utf-8"));

    /** @param devTokens whether {@link DevTokenRoutes} are mounted (development keys) */
    public CallPageRoutes(boolean devTokens) {
        this.devTokens = devTokens;
    }

    /** Adds the routes to {@code router}. */
    public RestRouter.Builder addTo(RestRouter.Builder router) {
        files.forEach((path, file) -> router.route(HttpMethod.GET, path,
                request -> CompletableFuture.completedFuture(file)));
        return router
                .route(HttpMethod.GET, "/api/page-config", request -> CompletableFuture.completedFuture(
                        RestResponse.ok(Map.of("devTokens", devTokens))));
    }

    private static RestResponse resource(String name, String contentType) {
        try (InputStream in = CallPageRoutes.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing page resource " + name);
            }
            return new RestResponse(HttpResponseStatus.OK, contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
