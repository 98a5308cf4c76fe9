package io.hivemind.relay.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivemind.relay.signaling.auth.ApiKeyStore;
import io.hivemind.relay.signaling.auth.TokenService;
import io.hivemind.relay.signaling.auth.VideoGrant;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Our relay as the load target, through the native JSON protocol on {@code /ws} (docs/protocol.md): each client
 * opens a WebSocket, sends {@code join} with an HS256 token minted for it, then publishes with its {@code offer}
 * and applies the relay's {@code answer}. An {@code offer} from the relay (subscriptions) is answered on the same
 * client. Rooms are created over REST first so the participant cap fits the scenario.
 *
 * <p>Listening: with {@link SubscribeMode#LISTEN_ONLY} a listener offers one {@code inactive} section and answers
 * the relay's offers that add every speaker (the protocol since the relay's subscription path).
 * {@link SubscribeMode#SILENT_PUBLISH} is for relays from before it, which refuse an offer without a track: the
 * listener publishes a track it never sends on, and the room's automatic subscription forwards the room to it.
 */
final class RelayTarget implements LoadTarget {

    /** How a listener gets its audio. */
    enum SubscribeMode { LISTEN_ONLY, SILENT_PUBLISH }

    /** The SSRC argument of a client that publishes nothing. */
    static final int LISTEN = 0;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TOKEN_TTL = Duration.ofHours(6);
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI base;
    private final String apiKey;
    private final TokenService tokens;
    private final SubscribeMode subscribeMode;
    private final ConcurrentLinkedQueue<WebSocket> sockets = new ConcurrentLinkedQueue<>();

    /**
     * @param base   the relay's HTTP address, for example {@code http://127.0.0.1:7880}
     * @param secret the HS256 secret of {@code apiKey} (never logged)
     */
    RelayTarget(URI base, String apiKey, String secret, SubscribeMode subscribeMode) {
        this.base = base;
        this.apiKey = apiKey;
        this.tokens = new TokenService(new ApiKeyStore(Map.of(apiKey, secret)), Clock.systemUTC(), Duration.ZERO);
        this.subscribeMode = subscribeMode;
    }

    @Override
    public String name() {
        return "hivemind";
    }

    @Override
    public boolean publishersReceive() {
        return true;
    }

    @Override
    public void prepareRoom(String room, int publishers, int participants) throws Exception {
        String admin = tokens.mint(tokens.grantFor(apiKey, "load-admin", null, TOKEN_TTL, VideoGrant.admin()));
        String body = json.createObjectNode().put("name", room).put("maxParticipants", participants).toString();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/rooms")).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IOException("relay did not create room " + room + ": HTTP " + created.statusCode() + " "
                    + created.body());
        }
        int cap = json.readTree(created.body()).path("maxParticipants").asInt();
        if (cap != 0 && cap < participants) {
            throw new IOException("relay caps room " + room + " at " + cap + " participants, the scenario needs "
                    + participants);
        }
    }

    @Override
    public RelayDelay relayDelay() {
        try {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics"))
                    .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            return metrics.statusCode() == 200 ? RelayDelay.parse(metrics.body()) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public CompletableFuture<Void> publish(String room, String identity, LoadPeer peer, int ssrc) {
        return session(room, identity, peer, ssrc);
    }

    @Override
    public CompletableFuture<Void> subscribe(String room, String identity, LoadPeer peer, List<String> publishers) {
        // The relay subscribes every participant to the whole room; the publisher list is implied.
        return session(room, identity, peer, subscribeMode == SubscribeMode.SILENT_PUBLISH ? silentSsrc(identity)
                : LISTEN);
    }

    /** An SSRC for a track that is announced but never sent; distinct per listener. */
    private static int silentSsrc(String identity) {
        return 0x5000_0000 | (identity.hashCode() & 0x0fff_ffff);
    }

    /** One {@code /ws} client: publishes {@code ssrc}, or only listens when it is {@link #LISTEN}. */
    private CompletableFuture<Void> session(String room, String identity, LoadPeer peer, int ssrc) {
        String token = tokens.mint(tokens.grantFor(apiKey, identity, identity, TOKEN_TTL, VideoGrant.join(room)));
        RelaySignaling listener = new RelaySignaling(json, new PeerSdp(peer), token, ssrc);
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws") + "/ws");
        return http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(ws, listener)
                .thenCompose(socket -> {
                    sockets.add(socket);
                    return listener.negotiated();
                })
                .orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        for (WebSocket socket : sockets) {
            socket.sendText(json.createObjectNode().put("type", "leave").toString(), true);
        }
        sockets.clear();
    }

    /** Reads {@code type} of a server message; a message that is not a JSON object has none. */
    static String type(JsonNode message) {
        return message.path("type").asText("");
    }
}
