package io.hivemind.relay.signaling.rest;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The built-in call page: plain HTML, CSS and JavaScript from the classpath (no build step, nothing from a CDN),
 * read once at start, and {@code GET /api/page-config} telling the page whether the server mints development tokens.
 * <pre>
 * GET /                 the page
 * GET /call.js          its script
 * GET /call.css         its style
 * GET /api/page-config  {"devTokens": true|false}
 * </pre>
 */
public final class CallPageRoutes {

    private static final String BASE = "/io/hivemind/relay/signaling/web/";

    private final boolean devTokens;
    private final RestResponse page = resource("index.html", "text/html; charset=utf-8");
    private final RestResponse script = resource("call.js", "text/javascript; charset=utf-8");
    private final RestResponse style = resource("call.css", "text/css; charset=utf-8");

    /** @param devTokens whether {@link DevTokenRoutes} are mounted (development keys) */
    public CallPageRoutes(boolean devTokens) {
        this.devTokens = devTokens;
    }

    /** Adds the routes to {@code router}. */
    public RestRouter.Builder addTo(RestRouter.Builder router) {
        return router
                .route(HttpMethod.GET, "/", request -> CompletableFuture.completedFuture(page))
                .route(HttpMethod.GET, "/call.js", request -> CompletableFuture.completedFuture(script))
                .route(HttpMethod.GET, "/call.css", request -> CompletableFuture.completedFuture(style))
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
