package io.hivemind.relay.signaling.rest;

import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * A routed request: method, decoded path, path parameters, query, headers, a copy of the (size-limited) body and
 * the peer's address.
 *
 * @param remoteAddress the TCP peer (for per-address throttling), or null when the request did not come from a
 *                      socket (in-process dispatch, tests)
 */
public record RestRequest(HttpMethod method, String path, Map<String, String> pathParams,
        Map<String, List<String>> query, HttpHeaders headers, byte[] body, InetSocketAddress remoteAddress) {

    private static final String BEARER = "bearer ";

    /** A request with no known peer address. */
    public RestRequest(HttpMethod method, String path, Map<String, String> pathParams,
            Map<String, List<String>> query, HttpHeaders headers, byte[] body) {
        this(method, path, pathParams, query, headers, body, null);
    }

    /** The path parameter {@code name} of the matched pattern. */
    public String param(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no parameter " + name);
        }
        return value;
    }

    /** The body parsed as {@code type}; {@link ErrorCode#BAD_JSON} when it is not. */
    public <T> T bodyAs(Class<T> type) {
        return JsonCodec.read(body, type);
    }

    /** The RFC 6750 bearer token of the Authorization header, or null when there is none. */
    public String bearerToken() {
        String header = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (header == null) {
            return null;
        }
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new SignalingException(ErrorCode.TOKEN_INVALID, "Authorization must be a Bearer token");
        }
        return header.substring(BEARER.length()).trim();
    }
}
