package io.hivemind.relay.signaling.rest;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Unauthenticated operational endpoints: {@code GET /healthz} (liveness, {@code {"status":"ok"}}) and
 * {@code GET /metrics} (Prometheus text exposition format 0.0.4). Bind the server to a private address when
 * metrics must not be public.
 */
public final class SystemRoutes {

    /** The Prometheus text format content type. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public SystemRoutes(PrometheusMeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Adds the routes to {@code router}. */
    public RestRouter.Builder addTo(RestRouter.Builder router) {
        return router
                .route(HttpMethod.GET, "/healthz",
                        request -> CompletableFuture.completedFuture(RestResponse.ok(Map.of("status", "ok"))))
                .route(HttpMethod.GET, "/metrics",
                        request -> CompletableFuture.completedFuture(
                                RestResponse.text(PROMETHEUS_TEXT, registry.scrape())));
    }
}
