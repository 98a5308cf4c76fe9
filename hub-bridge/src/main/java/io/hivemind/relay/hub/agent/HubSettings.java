package io.hivemind.relay.hub.agent;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a HivemindOS hub: its base URL, the bearer token, and the client's limits. {@link #toString()} never
 * shows the token.
 *
 * @param baseUri          {@code http} or {@code https} URL the API paths are appended to ({@code {base}/agents})
 * @param token            bearer token sent with every request
 * @param connectTimeout   longest time to open a connection
 * @param listTimeout      longest time for the list of agents
 * @param askTimeout       longest time for an answer (a request may ask for less, never for more)
 * @param maxResponseBytes largest response body accepted; more fails with {@code output_too_large}
 */
public record HubSettings(URI baseUri, String token, Duration connectTimeout, Duration listTimeout,
                          Duration askTimeout, int maxResponseBytes) {

    /** Environment variable with the hub's base URL; setting it selects the hub runtime. */
    public static final String URL_VARIABLE = "HIVEMIND_HUB_URL";
    /** Environment variable with the hub's bearer token. */
    public static final String TOKEN_VARIABLE = "HIVEMIND_HUB_TOKEN";

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_LIST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_ASK_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

    public HubSettings {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(token, "token");
        String scheme = baseUri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || baseUri.getHost() == null) {
            throw new IllegalArgumentException("hub URL must be http:// or https:// with a host, got '"
                    + baseUri.getScheme() + "://" + baseUri.getHost() + "'");
        }
        if (baseUri.getRawUserInfo() != null || baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
            // User info would be a second, unredacted credential; a query or fragment cannot take path segments.
            throw new IllegalArgumentException("hub URL must not hold user info, a query or a fragment");
        }
        if (token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("hub token must be non-empty printable ASCII without spaces");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(listTimeout, "listTimeout");
        requirePositive(askTimeout, "askTimeout");
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be positive");
        }
    }

    /** Settings with the default limits. */
    public HubSettings(URI baseUri, String token) {
        this(baseUri, token, DEFAULT_CONNECT_TIMEOUT, DEFAULT_LIST_TIMEOUT, DEFAULT_ASK_TIMEOUT,
                DEFAULT_MAX_RESPONSE_BYTES);
    }

    /**
     * Settings from {@value #URL_VARIABLE} and {@value #TOKEN_VARIABLE}, or none when no URL is set (the embedded
     * runtime is then used).
     *
     * @throws IllegalArgumentException if the URL is set without a token, or either is malformed (the message never
     *                                  holds the token)
     */
    public static Optional<HubSettings> fromEnvironment(Map<String, String> environment) {
        String url = environment.get(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String token = environment.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(TOKEN_VARIABLE + " must be set when " + URL_VARIABLE + " is");
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(URL_VARIABLE + ": not a URL");
        }
        try {
            return Optional.of(new HubSettings(uri, token.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((e.getMessage().startsWith("hub token") ? TOKEN_VARIABLE
                    : URL_VARIABLE) + ": " + e.getMessage());
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    @Override
    public String toString() {
        return "HubSettings[baseUri=" + baseUri + ", token=***, connectTimeout=" + connectTimeout + ", listTimeout="
                + listTimeout + ", askTimeout=" + askTimeout + ", maxResponseBytes=" + maxResponseBytes + "]";
    }
}
