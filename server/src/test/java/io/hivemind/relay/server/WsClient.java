package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivemind.relay.sfu.dtls.DtlsFingerprint;
import io.hivemind.relay.sfu.ice.IceCredentials;
import io.hivemind.relay.sfu.webrtc.WebRtcTestClient;
import io.hivemind.relay.signaling.auth.ApiKeyStore;
import io.hivemind.relay.signaling.auth.VideoGrant;
import io.hivemind.relay.signaling.sdp.Candidate;
import io.hivemind.relay.signaling.sdp.Fingerprint;
import io.hivemind.relay.signaling.sdp.IcePwd;
import io.hivemind.relay.signaling.sdp.IceUfrag;
import io.hivemind.relay.signaling.sdp.MediaDescription;
import io.hivemind.relay.signaling.sdp.SdpAttribute;
import io.hivemind.relay.signaling.sdp.SdpParser;
import io.hivemind.relay.signaling.sdp.SessionDescription;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@code /ws} signaling connection of a test: joins a room with a development-key token, queues what the relay
 * sends as JSON, and turns an {@code answer} into the ICE/DTLS parameters a {@link WebRtcTestClient} connects with.
 */
final class WsClient implements WebSocket.Listener {

    private static final long TIMEOUT_SECONDS = WebRtcTestClient.TIMEOUT_SECONDS;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where and how the relay's answer says to connect. */
    record Answer(InetSocketAddress candidate, IceCredentials ice, DtlsFingerprint fingerprint) {
    }

    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    /** Every message received, in order, including those {@link #await} skipped. */
    final List<JsonNode> history = new java.util.concurrent.CopyOnWriteArrayList<>();
    final WebSocket socket;
    private final StringBuilder partial = new StringBuilder();

    WsClient(HttpClient http, RelayServer server, String identity, String room) throws Exception {
        this(http, server, server.tokens().mint(server.tokens().grantFor(ApiKeyStore.DEVELOPMENT_KEY, identity,
                identity.toUpperCase(), Duration.ofMinutes(5), VideoGrant.join(room))));
    }

    /** Joins with {@code token} as it is. */
    WsClient(HttpClient http, RelayServer server, String token) throws Exception {
        socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:"
                + server.httpAddress().getPort() + "/ws"), this).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        send("join", "token", token);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode message = JSON.readTree(partial.toString());
                history.add(message);
                received.add(message);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    void send(String type, String field, String value) throws Exception {
        socket.sendText(JSON.createObjectNode().put("type", type).put(field, value).toString(), true)
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The next message of {@code type}, skipping others (events), within the timeout. */
    JsonNode await(String type) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            JsonNode message = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(message).as("a %s message", type).isNotNull();
            if (message.path("type").asText().equals(type)) {
                return message;
            }
        }
    }

    /** Sends {@code sdp} as the offer and reads the answer's candidate, ICE credentials and fingerprint. */
    Answer offer(String sdp) throws Exception {
        send("offer", "sdp", sdp);
        SessionDescription answer = SdpParser.parse(await("answer").path("sdp").asText());
        MediaDescription audio = answer.media().get(0);
        Candidate candidate = first(answer, audio, Candidate.class);
        return new Answer(new InetSocketAddress(candidate.address(), candidate.port()),
                new IceCredentials(first(answer, audio, IceUfrag.class).ufrag(),
                        first(answer, audio, IcePwd.class).password()),
                DtlsFingerprint.parse(first(answer, audio, Fingerprint.class).value()));
    }

    private static <T extends SdpAttribute> T first(SessionDescription session, MediaDescription media,
            Class<T> type) {
        T value = media.first(type);
        return value != null ? value : session.first(type);
    }
}
