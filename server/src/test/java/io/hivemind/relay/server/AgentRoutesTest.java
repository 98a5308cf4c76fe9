package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivemind.relay.hub.realtime.RealtimeEndpoint;
import io.hivemind.relay.hub.realtime.fake.FakeRealtimeServer;
import io.hivemind.relay.hub.realtime.fake.FakeScript;
import io.hivemind.relay.signaling.auth.ApiKeyStore;
import io.hivemind.relay.signaling.auth.VideoGrant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The agent REST API on a real relay: listing, dispatch and removal, and the BYOK path, with and without a key. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeRealtimeServer realtime;
    private RelayServer voiced;
    private RelayServer silent;
    private VoicedRelay[] relays = new VoicedRelay[0];

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        relays = new VoicedRelay[] {VoicedRelay.start(dir, dir.resolve("voiced"), FakeScript.defaults(), 1),
                VoicedRelay.start(dir, dir.resolve("silent"), null, 1)};
        realtime = relays[0].realtime;
        voiced = relays[0].server;
        silent = relays[1].server;
    }

    @AfterAll
    void stop() throws Exception {
        for (VoicedRelay relay : relays) {
            if (relay != null) {
                relay.close();
            }
        }
    }

    private String token(RelayServer server, String identity, String room) {
        return server.tokens().mint(server.tokens().grantFor(ApiKeyStore.DEVELOPMENT_KEY, identity, identity,
                Duration.ofMinutes(5), VideoGrant.join(room)));
    }

    private HttpResponse<String> call(RelayServer server, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.httpAddress().getPort() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).at("/error/code").asText();
    }

    @Test
    void listsTheCallableAgentsToAnyTokenHolder() throws Exception {
        assertThat(call(voiced, "GET", "/api/agents", null, null).statusCode()).isEqualTo(401);

        HttpResponse<String> listed = call(voiced, "GET", "/api/agents", token(voiced, "ann", "a"), null);

        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(listed.body());
        assertThat(body.path("voice").asBoolean()).isTrue();
        assertThat(body.path("agents")).singleElement().satisfies(agent -> {
            assertThat(agent.path("id").asText()).isEqualTo("helper");
            assertThat(agent.path("machine").asText()).isEqualTo("testbox");
            assertThat(agent.path("skills").get(0).asText()).isEqualTo("echo");
        });
    }

    @Test
    void dispatchesIntoTheTokensRoomOnceAndRemoves() throws Exception {
        String ann = token(voiced, "ann", "ops");
        assertThat(call(voiced, "POST", "/api/rooms/elsewhere/agents", ann, "{\"agentId\":\"helper\"}").statusCode())
                .as("a join token for another room").isEqualTo(403);
        HttpResponse<String> unknown = call(voiced, "POST", "/api/rooms/ops/agents", ann, "{\"agentId\":\"nobody\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(code(unknown)).isEqualTo("unknown_agent");

        HttpResponse<String> dispatched = call(voiced, "POST", "/api/rooms/ops/agents", ann,
                "{\"agentId\":\"helper\"}");
        assertThat(dispatched.statusCode()).as(dispatched.body()).isEqualTo(201);
        assertThat(JSON.readTree(dispatched.body()).path("identity").asText()).isEqualTo("agent-helper");
        assertThat(voiced.rooms().requireRoom("ops").participants().get().stream()
                .anyMatch(p -> p.identity().equals("agent-helper") && p.agent())).isTrue();
        HttpResponse<String> twice = call(voiced, "POST", "/api/rooms/ops/agents", ann, "{\"agentId\":\"helper\"}");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(code(twice)).isEqualTo("agent_in_room");

        assertThat(call(voiced, "DELETE", "/api/rooms/ops/agents/helper", ann, null).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = call(voiced, "DELETE", "/api/rooms/ops/agents/helper", ann, null);
        assertThat(code(gone)).isEqualTo("agent_not_in_room");
    }

    @Test
    void aTokenThatCreatesItsRoomDispatchesTheAgentsItsRoomConfigNames() throws Exception {
        String token = voiced.tokens().mint(voiced.tokens().grantFor(ApiKeyStore.DEVELOPMENT_KEY, "bea", "Bea",
                Duration.ofMinutes(5), VideoGrant.join("standup")).withAgents(java.util.List.of("helper")));
        WsClient bea = new WsClient(http, voiced, token);
        try {
            bea.await("joined");
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
            while (voiced.workers().worker("standup", "helper").isEmpty() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
            }
            assertThat(voiced.workers().worker("standup", "helper")).as("dispatched on room creation")
                    .isPresent();
        } finally {
            bea.socket.abort();
            voiced.workers().remove("standup", "helper");
        }
    }

    @Test
    void byokMintsAClientSecretForTheAgentsSessionAndRunsItsTool() throws Exception {
        String ann = token(voiced, "ann", "ops");
        HttpResponse<String> minted = call(voiced, "POST", "/api/agents/helper/client-secret", ann, null);

        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
        JsonNode secret = JSON.readTree(minted.body());
        assertThat(realtime.mintedSecrets()).contains(secret.path("value").asText());
        assertThat(secret.path("model").asText()).isEqualTo(RealtimeEndpoint.DEFAULT_MODEL);
        assertThat(secret.path("expires_at").asLong()).isPositive();
        assertThat(minted.body()).doesNotContain(VoicedRelay.KEY);
        JsonNode session = realtime.secretRequests().get(realtime.secretRequests().size() - 1).path("session");
        assertThat(session.path("instructions").asText()).contains("Helper", "ask_computer_agent");
        assertThat(session.path("tools").get(0).path("name").asText()).isEqualTo("ask_computer_agent");

        HttpResponse<String> asked = call(voiced, "POST", "/api/agents/helper/ask", ann,
                "{\"request\":\"list the branches\"}");
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(asked.body()).path("answer").asText()).contains("helper heard: list the branches");
        HttpResponse<String> nobody = call(voiced, "POST", "/api/agents/nobody/ask", ann, "{\"request\":\"hi\"}");
        assertThat(code(nobody)).isEqualTo("unknown_agent");
    }

    @Test
    void withoutAKeyAgentsAreListedButVoiceIsUnavailable() throws Exception {
        String ann = token(silent, "ann", "ops");
        assertThat(JSON.readTree(call(silent, "GET", "/api/agents", ann, null).body()).path("voice").asBoolean())
                .isFalse();

        HttpResponse<String> dispatch = call(silent, "POST", "/api/rooms/ops/agents", ann, "{\"agentId\":\"helper\"}");
        HttpResponse<String> secret = call(silent, "POST", "/api/agents/helper/client-secret", ann, null);

        assertThat(dispatch.statusCode()).isEqualTo(503);
        assertThat(code(dispatch)).isEqualTo("voice_unavailable");
        assertThat(code(secret)).isEqualTo("voice_unavailable");
        assertThat(call(silent, "GET", "/api/rooms", silent.tokens().mint(silent.tokens().grantFor(
                ApiKeyStore.DEVELOPMENT_KEY, "ops", "ops", Duration.ofMinutes(5), VideoGrant.admin())), null)
                .statusCode()).as("rooms work without voice").isEqualTo(200);
    }
}
