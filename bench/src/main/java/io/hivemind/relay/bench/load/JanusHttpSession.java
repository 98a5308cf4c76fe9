package io.hivemind.relay.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Janus session over its REST-ish HTTP API (janus.js's transport): requests are POSTed to
 * {@code /janus/<session>[/<handle>]}, asynchronous plugin events arrive on a long poll
 * ({@code GET /janus/<session>?maxev=N}), matched to the waiting request by {@code transaction}. The long poll also
 * keeps the session alive. Every load client's plugin handle lives in this one session.
 */
final class JanusHttpSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JanusHttpSession.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int EVENTS_PER_POLL = 50;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private final URI base;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final long sessionId;
    private final Thread poller;
    private volatile boolean closed;

    /** Creates the session and starts the event poll. */
    JanusHttpSession(URI base) throws IOException, InterruptedException {
        this.base = base;
        JsonNode created = post(base, request("create"));
        this.sessionId = created.path("data").path("id").asLong();
        this.poller = new Thread(this::poll, "janus-events");
        poller.setDaemon(true);
        poller.start();
    }

    /** Attaches a VideoRoom handle. */
    long attachVideoRoom() throws IOException, InterruptedException {
        ObjectNode attach = request("attach").put("plugin", "janus.plugin.videoroom");
        return post(sessionUri(), attach).path("data").path("id").asLong();
    }

    /** A synchronous plugin request (VideoRoom {@code create}): the plugin's {@code data}. */
    JsonNode requestSync(long handle, ObjectNode body) throws IOException, InterruptedException {
        ObjectNode message = request("message");
        message.set("body", body);
        return post(handleUri(handle), message).path("plugindata").path("data");
    }

    /**
     * An asynchronous plugin request ({@code join}, {@code publish}, {@code start}): completes with the whole event
     * (its {@code plugindata.data} and any {@code jsep}) once the long poll delivers it.
     */
    CompletableFuture<JsonNode> requestAsync(long handle, ObjectNode body, String jsepType, String sdp) {
        ObjectNode message = request("message");
        message.set("body", body);
        if (jsepType != null) {
            message.putObject("jsep").put("type", jsepType).put("sdp", sdp);
        }
        String transaction = message.get("transaction").asText();
        CompletableFuture<JsonNode> event = new CompletableFuture<>();
        pending.put(transaction, event);
        try {
            JsonNode ack = post(handleUri(handle), message);
            if (!"ack".equals(ack.path("janus").asText())) {
                // Some requests answer at once with the result instead of an ack.
                pending.remove(transaction);
                event.complete(ack);
            }
        } catch (IOException | RuntimeException e) {
            pending.remove(transaction);
            event.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.remove(transaction);
            event.completeExceptionally(e);
        }
        return event.orTimeout(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    ObjectNode body() {
        return json.createObjectNode();
    }

    private ObjectNode request(String janus) {
        return json.createObjectNode().put("janus", janus).put("transaction", UUID.randomUUID().toString());
    }

    private URI sessionUri() {
        return URI.create(base + "/" + sessionId);
    }

    private URI handleUri(long handle) {
        return URI.create(base + "/" + sessionId + "/" + handle);
    }

    private JsonNode post(URI uri, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        JsonNode answer = json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        if ("error".equals(answer.path("janus").asText())) {
            throw new IOException("janus: " + answer.path("error").path("reason").asText("error"));
        }
        return answer;
    }

    private void poll() {
        URI events = URI.create(sessionUri() + "?maxev=" + EVENTS_PER_POLL);
        while (!closed) {
            try {
                HttpRequest request = HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(90)).GET().build();
                JsonNode answer = json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
                if (answer.isArray()) {
                    answer.forEach(this::dispatch);
                } else {
                    dispatch(answer);
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("janus event poll failed: {}", e.toString());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void dispatch(JsonNode event) {
        JsonNode data = event.path("plugindata").path("data");
        CompletableFuture<JsonNode> waiting = pending.remove(event.path("transaction").asText(""));
        if (waiting == null) {
            return; // keepalives, webrtcup, media, hangup and other unsolicited events
        }
        if (data.has("error")) {
            waiting.completeExceptionally(new IOException("janus videoroom: " + data.path("error").asText()));
        } else {
            waiting.complete(event);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            post(sessionUri(), request("destroy"));
        } catch (IOException e) {
            LOG.debug("janus destroy failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poller.interrupt();
    }
}
