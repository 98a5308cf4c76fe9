package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivemind.relay.hub.realtime.fake.FakeRealtimeServer;
import io.hivemind.relay.hub.realtime.fake.FakeScript;
import io.hivemind.relay.server.pairing.PairingService;
import io.hivemind.relay.signaling.auth.AccessGrant;
import io.hivemind.relay.signaling.auth.ApiKeyStore;
import io.hivemind.relay.signaling.auth.VideoGrant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Calls in both modes through the REST API, by a relay token and by a paired phone's device token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeRealtimeServer realtime;
    private RelayServer server;
    private VoicedRelay relay;
    private String ann;
    private String phone;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        relay = VoicedRelay.start(dir, dir.resolve("data"), FakeScript.defaults(), 1);
        realtime = relay.realtime;
        server = relay.server;
        ann = relay.token("ann", "lobby");
        PairingService pairing = server.pairing();
        phone = pairing.exchange(pairing.createCode("http://127.0.0.1").code(), "ann's phone", "127.0.0.1")
                .get(10, TimeUnit.SECONDS).token();
    }

    @AfterAll
    void stop() throws Exception {
        if (relay != null) {
            relay.close();
        }
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.httpAddress().getPort() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode awaitCall(String id, String token, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        JsonNode view;
        do {
            view = JSON.readTree(call("GET", "/api/calls/" + id, token, null).body());
            if (condition.test(view)) {
                return view;
            }
            LockSupport.parkNanos(20_000_000);
        } while (System.nanoTime() < deadline);
        return view;
    }

    @Test
    void aRoomCallCreatesARoomWithTheAgentAndAJoinTokenAndHangsUp() throws Exception {
        HttpResponse<String> started = call("POST", "/api/calls", ann, "{\"agentId\":\"helper\",\"mode\":\"room\"}");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(started.body());
        String id = answer.path("callId").asText();
        String room = answer.path("room").asText();
        AccessGrant grant = server.tokens().verify(answer.path("token").asText());
        assertThat(grant.video().room()).isEqualTo(room);
        assertThat(grant.identity()).isEqualTo("ann");
        WsClient caller = new WsClient(http, server, answer.path("token").asText());
        caller.await("joined");
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();
        io.hivemind.relay.sfu.webrtc.WebRtcTestClient media = new io.hivemind.relay.sfu.webrtc.WebRtcTestClient(
                "ann", threads);
        WsClient.Answer connect = caller.offer(LoopbackOffer.publishing(media, 0x5151_5151L));
        media.connect(connect.candidate(), connect.ice(), connect.fingerprint());
        // The state is pushed as the caller's transport joins the room (before the answer the offer awaited).
        assertThat(caller.history).filteredOn(m -> m.path("type").asText().equals("call_state"))
                .anySatisfy(m -> {
                    assertThat(m.path("callId").asText()).isEqualTo(id);
                    assertThat(m.path("state").asText()).isIn("agent_joining", "live");
                });
        JsonNode live = awaitCall(id, ann, view -> view.path("state").asText().equals("live"));
        assertThat(live.path("state").asText()).as(live.toString()).isEqualTo("live");
        assertThat(live.path("agentState").asText()).isIn("listening", "thinking", "speaking");
        assertThat(server.workers().worker(room, "helper")).isPresent();
        assertThat(call("GET", "/api/calls/" + id, phone, null).statusCode()).as("another caller's call")
                .isEqualTo(404);

        assertThat(call("DELETE", "/api/calls/" + id, ann, null).statusCode()).isEqualTo(204);
        JsonNode last = caller.await("call_state");
        while (!last.path("state").asText().equals("ended")) {
            last = caller.await("call_state");
        }
        assertThat(last.path("endReason").asText()).as("pushed before the room closes").isEqualTo("hangup");
        caller.socket.abort();
        media.close();
        threads.shutdownNow();

        JsonNode ended = awaitCall(id, ann, view -> view.path("state").asText().equals("ended"));
        assertThat(ended.path("endReason").asText()).isEqualTo("hangup");
        assertThat(server.rooms().room(room)).isEmpty();
        String admin = server.tokens().mint(server.tokens().grantFor(ApiKeyStore.DEVELOPMENT_KEY, "ops", "ops",
                Duration.ofMinutes(5), VideoGrant.admin()));
        JsonNode records = JSON.readTree(call("GET", "/api/calls", admin, null).body()).path("calls");
        assertThat(records.findValuesAsText("callId")).contains(id);
        JsonNode own = JSON.readTree(call("GET", "/api/calls", ann, null).body()).path("calls");
        assertThat(own.findValuesAsText("callId")).as("a caller lists their own calls").contains(id);
        assertThat(own.findValuesAsText("caller")).as("and only theirs").containsOnly("ann");
        assertThat(call("GET", "/api/calls", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aPairedPhoneMakesAByokCallAndItsToolCallsAreCounted() throws Exception {
        assertThat(call("GET", "/api/agents", phone, null).statusCode()).isEqualTo(200);
        HttpResponse<String> started = call("POST", "/api/calls", phone, "{\"agentId\":\"helper\",\"mode\":\"byok\"}");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(started.body());
        assertThat(realtime.mintedSecrets()).contains(answer.at("/clientSecret/value").asText());
        assertThat(answer.path("state").asText()).isEqualTo("live");
        String ask = answer.path("askUrl").asText();
        HttpResponse<String> asked = call("POST", ask, phone, "{\"request\":\"what is new\"}");
        assertThat(JSON.readTree(asked.body()).path("answer").asText()).contains("helper heard: what is new");
        assertThat(JSON.readTree(call("GET", "/api/calls/" + answer.path("callId").asText(), phone, null).body())
                .path("toolCalls").asInt()).isEqualTo(1);
        JsonNode own = JSON.readTree(call("GET", "/api/calls", phone, null).body()).path("calls");
        assertThat(own.findValuesAsText("callId")).contains(answer.path("callId").asText());
        assertThat(own.findValuesAsText("caller")).allMatch(caller -> caller.startsWith("device-"))
                .doesNotContain("ann");

        assertThat(call("POST", "/api/calls", "not-a-device-token", "{\"agentId\":\"helper\"}").statusCode())
                .isEqualTo(401);
        HttpResponse<String> unknown = call("POST", "/api/calls", phone, "{\"agentId\":\"nobody\",\"mode\":\"byok\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }
}
