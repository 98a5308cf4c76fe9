package io.hivemind.relay.hub.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mints Realtime client secrets: {@code POST <endpoint>/client_secrets} (for the default endpoint
 * {@code https://api.openai.com/v1/realtime/client_secrets}) with the agent's session and
 * {@code expires_after: {anchor: "created_at", seconds: ttl}}. The key stays on this server; neither it nor the
 * minted secret reaches a log or an exception. The JDK HTTP client runs the request on its own threads.
 */
public final class ClientSecretMinter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSecretMinter.class);

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(600);
    /** The bounds the endpoint accepts for {@code expires_after.seconds}. */
    public static final Duration MIN_TTL = Duration.ofSeconds(10);
    public static final Duration MAX_TTL = Duration.ofSeconds(7200);

    private final RealtimeEndpoint endpoint;
    private final ApiSecret key;
    private final HttpClient http;
    private final Duration ttl;
    private final Duration timeout;

    /**
     * @param ttl     lifetime of each secret, within {@link #MIN_TTL}..{@link #MAX_TTL}
     * @param timeout for the whole request
     */
    public ClientSecretMinter(RealtimeEndpoint endpoint, ApiSecret key, HttpClient http, Duration ttl,
            Duration timeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.key = Objects.requireNonNull(key, "key");
        this.http = Objects.requireNonNull(http, "http");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0 || ttl.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("client secret TTL must be whole seconds within 10..7200: " + ttl);
        }
    }

    /**
     * A secret for {@code session} on this endpoint's model. Completes exceptionally with a
     * {@link ClientSecretException} (possibly wrapped in a {@link CompletionException}).
     */
    public CompletableFuture<ClientSecret> mint(RealtimeSessionConfig session) {
        ObjectNode body = RealtimeJson.MAPPER.createObjectNode();
        body.putObject("expires_after").put("anchor", "created_at").put("seconds", ttl.toSeconds());
        body.set("session", session.toJson(endpoint.model()));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(endpoint.clientSecretsUri())
                    .timeout(timeout)
                    .header("Authorization", "Bearer " + key.reveal())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(RealtimeJson.MAPPER.writeValueAsString(body)))
                    .build();
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("cannot write the session", e));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw unreachable(failure);
                    }
                    return secret(response);
                });
    }

    private ClientSecret secret(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status / 100 != 2) {
            String code = upstreamCode(response.body());
            LOG.warn("Realtime client secret refused: HTTP {} {}", status, code);
            throw new ClientSecretException(kindOf(status), status, code,
                    "the Realtime endpoint refused the client secret request (HTTP " + status
                            + (code == null ? "" : ", " + code) + ")");
        }
        try {
            JsonNode json = RealtimeJson.MAPPER.readTree(response.body());
            JsonNode value = json == null ? null : json.get("value");
            JsonNode expiresAt = json == null ? null : json.get("expires_at");
            if (value == null || !value.isTextual() || value.textValue().isBlank() || expiresAt == null
                    || !expiresAt.isIntegralNumber() || !expiresAt.canConvertToLong()) {
                throw badResponse(status);
            }
            JsonNode model = json.path("session").path("model");
            return new ClientSecret(ApiSecret.of(value.textValue()), Instant.ofEpochSecond(expiresAt.longValue()),
                    model.isTextual() ? model.textValue() : endpoint.model());
        } catch (IOException | RuntimeException e) {
            if (e instanceof ClientSecretException known) {
                throw known;
            }
            throw badResponse(status);
        }
    }

    private static ClientSecretException badResponse(int status) {
        return new ClientSecretException(ClientSecretException.Kind.BAD_RESPONSE, status, null,
                "the Realtime endpoint answered without a usable client secret");
    }

    private static ClientSecretException unreachable(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return new ClientSecretException(ClientSecretException.Kind.TIMEOUT, 0, null,
                    "the Realtime endpoint did not answer in time");
        }
        return new ClientSecretException(ClientSecretException.Kind.UNREACHABLE, 0, null,
                "cannot reach the Realtime endpoint (" + cause.getClass().getSimpleName() + ")");
    }

    private static ClientSecretException.Kind kindOf(int status) {
        if (status == 401 || status == 403) {
            return ClientSecretException.Kind.UNAUTHORIZED;
        }
        if (status == 429) {
            return ClientSecretException.Kind.RATE_LIMITED;
        }
        return status / 100 == 5 ? ClientSecretException.Kind.UPSTREAM_ERROR : ClientSecretException.Kind.REJECTED;
    }

    /** {@code error.code}, else {@code error.type}, from an error body; null when there is none. */
    private static String upstreamCode(String body) {
        try {
            JsonNode error = RealtimeJson.MAPPER.readTree(body).path("error");
            JsonNode code = error.path("code").isTextual() ? error.path("code") : error.path("type");
            return code.isTextual() && code.textValue().length() <= 64 ? code.textValue() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
