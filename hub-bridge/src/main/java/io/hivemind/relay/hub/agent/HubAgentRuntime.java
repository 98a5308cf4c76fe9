package io.hivemind.relay.hub.agent;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AgentRuntime} over a HivemindOS hub's HTTP API (docs/hub-api.md): {@code GET {base}/agents} and
 * {@code POST {base}/agents/{id}/ask} with a bearer token, through the JDK's asynchronous {@link HttpClient} on this
 * runtime's own small pool ({@code hub-client-N}).
 *
 * <p>Every failure becomes an {@link AgentRuntimeException}: the error code in the hub's error body when it is one
 * this relay knows, else one derived from the HTTP status; connection failures are {@code unavailable}, an elapsed
 * timeout {@code timeout}, a body over the size limit {@code output_too_large}, and a body that does not follow the
 * contract {@code invalid_response}. The token is only ever written into the {@code Authorization} header: it is
 * not logged, and is masked out of any message the hub sends back.
 */
public final class HubAgentRuntime implements AgentRuntime {

    private static final Logger log = LoggerFactory.getLogger(HubAgentRuntime.class);

    /** Time beyond the ask's own timeout for the hub to report that timeout itself, which says more. */
    static final Duration RESPONSE_GRACE = Duration.ofSeconds(1);
    private static final int HUB_MESSAGE_CHARS = 300;
    private static final int THREADS = 2;

    private final HubSettings settings;
    private final String base;
    private final ExecutorService pool;
    private final HttpClient client;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public HubAgentRuntime(HubSettings settings) {
        this.settings = settings;
        String uri = settings.baseUri().toString();
        this.base = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        this.pool = Executors.newFixedThreadPool(THREADS, new DefaultThreadFactory("hub-client", true));
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(pool)
                .build();
    }

    @Override
    public CompletableFuture<List<AgentProfile>> agents() {
        HttpRequest request = request("/agents", settings.listTimeout()).GET().build();
        return exchange(request, settings.listTimeout(), "list agents", HubJson::agents);
    }

    @Override
    public CompletableFuture<AgentAnswer> ask(AgentRequest request) {
        try {
            request.validate();
        } catch (AgentRuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Duration timeout = request.timeout() == null || request.timeout().compareTo(settings.askTimeout()) > 0
                ? settings.askTimeout() : request.timeout();
        Duration wait = timeout.plus(RESPONSE_GRACE);
        HttpRequest http = request("/agents/" + pathSegment(request.agentId()) + "/ask", wait)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(HubJson.askBody(request, timeout)))
                .build();
        return exchange(http, wait, "ask agent '" + request.agentId() + "'", HubJson::answer);
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + settings.token());
    }

    private <T> CompletableFuture<T> exchange(HttpRequest request, Duration timeout, String what,
                                              Function<byte[], T> decode) {
        CompletableFuture<T> result = new CompletableFuture<>();
        inFlight.add(result);
        // Checked after registering, so that close() either sees this future or this sees close().
        if (closed) {
            inFlight.remove(result);
            return CompletableFuture.failedFuture(closedFailure());
        }
        log.debug("{}: {} {}", what, request.method(), request.uri());
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = client.sendAsync(request, new CappedBodyHandler(settings.maxResponseBytes()));
        } catch (RuntimeException e) {
            // A pool shut down by a concurrent close().
            inFlight.remove(result);
            return CompletableFuture.failedFuture(closedFailure());
        }
        // The request timeout covers the response head; the backstop also bounds a body that stalls.
        sent.orTimeout(timeout.plus(RESPONSE_GRACE).toMillis(), TimeUnit.MILLISECONDS).whenCompleteAsync(
                (response, error) -> {
                    inFlight.remove(result);
                    try {
                        if (error != null) {
                            throw failure(error);
                        }
                        result.complete(decode(response, decode));
                    } catch (RuntimeException e) {
                        AgentRuntimeException failure = failure(e);
                        log.info("hub: {} failed: {}", what, failure.toString());
                        result.completeExceptionally(failure);
                    }
                }, pool);
        return result;
    }

    private <T> T decode(HttpResponse<byte[]> response, Function<byte[], T> decode) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return decode.apply(response.body());
        }
        HubJson.HubError error = HubJson.error(response.body()).orElse(null);
        AgentErrorCode code = error == null ? null : AgentErrorCode.fromWireName(error.code()).orElse(null);
        if (code == null) {
            code = codeFor(status);
        }
        String message = "the hub answered " + status;
        if (error != null && !error.message().isBlank()) {
            message += ": " + masked(shortened(error.message()));
        }
        throw new AgentRuntimeException(code, message);
    }

    /** The error code for a status when the body names none (or one this relay does not know). */
    static AgentErrorCode codeFor(int status) {
        return switch (status) {
            case 400, 413, 422 -> AgentErrorCode.INVALID_REQUEST;
            case 401, 403 -> AgentErrorCode.UNAUTHORIZED;
            case 404 -> AgentErrorCode.UNKNOWN_AGENT;
            case 408, 504 -> AgentErrorCode.TIMEOUT;
            case 409, 429 -> AgentErrorCode.BUSY;
            case 502, 503 -> AgentErrorCode.UNAVAILABLE;
            default -> status >= 300 && status < 400 ? AgentErrorCode.INVALID_RESPONSE : AgentErrorCode.FAILED;
        };
    }

    private static AgentRuntimeException failure(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof IOException && cause.getCause() instanceof AgentRuntimeException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof AgentRuntimeException e) {
            return e;
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new AgentRuntimeException(AgentErrorCode.UNAVAILABLE, "the hub cannot be reached");
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return new AgentRuntimeException(AgentErrorCode.TIMEOUT, "the hub gave no answer in time");
        }
        if (cause instanceof IOException) {
            return new AgentRuntimeException(AgentErrorCode.UNAVAILABLE,
                    "the connection to the hub failed (" + cause.getClass().getSimpleName() + ")");
        }
        return new AgentRuntimeException(AgentErrorCode.FAILED,
                "the hub request failed (" + cause.getClass().getSimpleName() + ")");
    }

    private static AgentRuntimeException closedFailure() {
        return new AgentRuntimeException(AgentErrorCode.UNAVAILABLE, "the hub client is closed");
    }

    private String masked(String text) {
        return text.replace(settings.token(), "***");
    }

    private static String shortened(String text) {
        return text.length() > HUB_MESSAGE_CHARS ? text.substring(0, HUB_MESSAGE_CHARS) + "…" : text;
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, so an id is always exactly one segment. */
    static String pathSegment(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }

    /** Fails what is in flight with {@code unavailable} and stops the client's threads. */
    @Override
    public void close() {
        closed = true;
        AgentRuntimeException closing = closedFailure();
        inFlight.forEach(future -> future.completeExceptionally(closing));
        inFlight.clear();
        pool.shutdownNow();
    }

    /** The hub's address; never the token. */
    @Override
    public String toString() {
        return "HivemindOS hub at " + base;
    }
}
