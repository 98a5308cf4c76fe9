package io.hivemind.relay.hub.realtime;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where Realtime sessions are opened: the WebSocket base URL and the model. A compatible endpoint (a proxy, or the
 * fake server in tests) is reached by changing the base URL only; the client-secret endpoint is derived from it.
 *
 * @param baseUrl {@code wss://…/v1/realtime} (or {@code ws://} for a local endpoint)
 * @param model   model name, part of the connection URL
 */
public record RealtimeEndpoint(URI baseUrl, String model) {

    public static final URI DEFAULT_BASE_URL = URI.create("wss://api.openai.com/v1/realtime");
    public static final String DEFAULT_MODEL = "gpt-realtime";

    public RealtimeEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        String scheme = baseUrl.getScheme();
        if (!"wss".equalsIgnoreCase(scheme) && !"ws".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("Realtime base URL must be ws:// or wss://: " + baseUrl);
        }
        if (baseUrl.getHost() == null) {
            throw new IllegalArgumentException("Realtime base URL has no host: " + baseUrl);
        }
        if (baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Realtime base URL must not carry user info or a fragment");
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("model is blank");
        }
    }

    /** The defaults: {@code wss://api.openai.com/v1/realtime} and {@code gpt-realtime}. */
    public static RealtimeEndpoint openAi() {
        return new RealtimeEndpoint(DEFAULT_BASE_URL, DEFAULT_MODEL);
    }

    public boolean secure() {
        return "wss".equalsIgnoreCase(baseUrl.getScheme());
    }

    /** The port to connect to: explicit, or 443/80 by scheme. */
    public int port() {
        return baseUrl.getPort() > 0 ? baseUrl.getPort() : secure() ? 443 : 80;
    }

    /** {@code <baseUrl>?model=<model>} (appended with {@code &} when the base URL already has a query). */
    public URI webSocketUri() {
        String query = "model=" + URLEncoder.encode(model, StandardCharsets.UTF_8);
        String base = baseUrl.toString();
        return URI.create(base + (baseUrl.getRawQuery() == null ? "?" : "&") + query);
    }

    /**
     * The client-secret endpoint: the base URL over HTTP(S) with {@code /client_secrets} appended to its path, so
     * {@code wss://api.openai.com/v1/realtime} gives {@code https://api.openai.com/v1/realtime/client_secrets}.
     */
    public URI clientSecretsUri() {
        String scheme = secure() ? "https" : "http";
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + baseUrl.getRawAuthority() + path + "/client_secrets");
    }
}
