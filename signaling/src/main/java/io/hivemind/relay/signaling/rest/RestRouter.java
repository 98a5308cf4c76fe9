package io.hivemind.relay.signaling.rest;

import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.MethodNotAllowedException;
import io.hivemind.relay.signaling.http.SignalingException;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Method + path pattern routing. A pattern is a literal path whose segments may be {@code {name}} parameters
 * ({@code /api/rooms/{room}}); a parameter matches one non-empty segment, percent-decoded. A path no pattern
 * matches is {@link ErrorCode#NOT_FOUND}; a path that matches under other methods is 405 with {@code Allow}.
 * Immutable once built; shared by every connection.
 */
public final class RestRouter {

    private record Route(HttpMethod method, String[] segments, RestHandler handler) {
    }

    private final List<Route> routes;

    private RestRouter(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Routes {@code request} (borrowed; its body is copied) with no known peer address. */
    public CompletionStage<RestResponse> dispatch(FullHttpRequest request) {
        return dispatch(request, null);
    }

    /**
     * Routes {@code request} (borrowed; its body is copied) received from {@code remoteAddress} (null when unknown).
     * Never throws: failures complete the stage.
     */
    public CompletionStage<RestResponse> dispatch(FullHttpRequest request, InetSocketAddress remoteAddress) {
        try {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String[] segments;
            try {
                segments = split(uri.rawPath());
                uri.path();
                uri.parameters();
            } catch (IllegalArgumentException e) {
                throw new SignalingException(ErrorCode.BAD_REQUEST, "malformed percent-encoding in the URI");
            }
            Set<String> allowed = new LinkedHashSet<>();
            for (Route route : routes) {
                Map<String, String> params = match(route.segments, segments);
                if (params == null) {
                    continue;
                }
                if (!route.method.equals(request.method())) {
                    allowed.add(route.method.name());
                    continue;
                }
                RestRequest routed = new RestRequest(request.method(), uri.path(), params, uri.parameters(),
                        request.headers(), ByteBufUtil.getBytes(request.content()), remoteAddress);
                return route.handler.handle(routed);
            }
            if (!allowed.isEmpty()) {
                throw new MethodNotAllowedException(String.join(", ", allowed));
            }
            throw new SignalingException(ErrorCode.NOT_FOUND, "no such endpoint");
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Map<String, String> match(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < pattern.length; i++) {
            String segment = pattern[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String value = QueryStringDecoder.decodeComponent(path[i]);
                if (value.isEmpty()) {
                    return null;
                }
                if (params == null) {
                    params = new HashMap<>();
                }
                params.put(segment.substring(1, segment.length() - 1), value);
            } else if (!segment.equals(path[i])) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    /** Collects routes; the first route matching method and path wins. */
    public static final class Builder {

        private final List<Route> routes = new ArrayList<>();

        public Builder route(HttpMethod method, String pattern, RestHandler handler) {
            if (!pattern.startsWith("/")) {
                throw new IllegalArgumentException("pattern must start with /: " + pattern);
            }
            routes.add(new Route(method, split(pattern), handler));
            return this;
        }

        public RestRouter build() {
            return new RestRouter(routes);
        }
    }
}
