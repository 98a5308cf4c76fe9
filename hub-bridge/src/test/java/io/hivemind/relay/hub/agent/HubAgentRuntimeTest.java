package io.hivemind.relay.hub.agent;

import static io.hivemind.relay.hub.agent.Completion.failure;
import static io.hivemind.relay.hub.agent.Completion.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hivemind.relay.hub.realtime.LogCapture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hub client against a real HTTP server on an ephemeral loopback port. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HubAgentRuntimeTest {

    private static final String TOKEN = "hub-token-7f3a9c2e51d84b06";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CallContext CONTEXT = new CallContext("standup", "alice", "call-42", "bob");

    /** What the server received. */
    private record Received(String method, String path, String authorization, String contentType, String body) {
    }

    /** What the server answers; {@code chunked} omits Content-Length. */
    private record Reply(int status, String body, boolean chunked) {
        Reply(int status, String body) {
            this(status, body, false);
        }
    }

    @FunctionalInterface
    private interface Hub {
        Reply handle(Received request) throws Exception;
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private volatile Hub hub = request -> new Reply(500, "");
    private HttpServer server;
    private HubAgentRuntime runtime;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(serverThreads);
        server.start();
        runtime = new HubAgentRuntime(settings(Duration.ofSeconds(30), HubSettings.DEFAULT_MAX_RESPONSE_BYTES));
    }

    @AfterEach
    void stop() {
        release.countDown();
        runtime.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private HubSettings settings(Duration askTimeout, int maxResponseBytes) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hub/v1/");
        return new HubSettings(base, TOKEN, Duration.ofSeconds(5), Duration.ofSeconds(30), askTimeout,
                maxResponseBytes);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add(request);
            Reply reply;
            try {
                reply = hub.handle(request);
            } catch (Exception e) {
                reply = new Reply(599, "test hub failed: " + e);
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), reply.chunked() ? 0 : body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Test
    void listsTheHubsAgentsWithTheBearerToken() throws Exception {
        hub = request -> new Reply(200, """
                {"agents": [
                  {"id": "codex-main", "name": "Codex", "machine": "workstation", "runtime": "codex",
                   "workspace": "github.com/example/app", "skills": ["tests", "reviews"], "voice": "marin",
                   "instructions": "Be brief.", "added_later": {"ignored": true}},
                  {"id": "minimal"}
                ]}""");

        List<AgentProfile> agents = value(runtime.agents());

        assertThat(agents).containsExactly(
                new AgentProfile("codex-main", "Codex", "workstation", "codex", "github.com/example/app",
                        List.of("tests", "reviews"), "marin", "Be brief."),
                new AgentProfile("minimal", null, null, null, null, null, null, null));
        assertThat(received.poll()).isEqualTo(new Received("GET", "/hub/v1/agents", "Bearer " + TOKEN, null, ""));
    }

    @Test
    void asksWithTheRequestContextAndTimeoutAndReadsTheAnswer() throws Exception {
        hub = request -> new Reply(200, """
                {"answer": "Two commits since lunch.",
                 "artifacts": [{"name": "diff", "uri": "https://hub.example/d/1", "media_type": "text/x-diff"},
                               {"name": "note"}],
                 "truncated": false}""");
        String text = "What changed? \"quotes\", $(rm -rf /) and é\nsecond line";

        AgentAnswer answer = value(runtime.ask(new AgentRequest("codex main/é", text, CONTEXT,
                Duration.ofSeconds(12))));

        assertThat(answer).isEqualTo(new AgentAnswer("Two commits since lunch.", List.of(
                new AgentArtifact("diff", "https://hub.example/d/1", "text/x-diff"),
                new AgentArtifact("note", null, null)), false));
        Received request = received.poll();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hub/v1/agents/codex%20main%2F%C3%A9/ask");
        assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree(JSON.writeValueAsString(Map.of(
                "request", text,
                "context", Map.of("room", "standup", "caller", "alice", "call_id", "call-42", "speaker", "bob"),
                "timeout_ms", 12000))));
    }

    @Test
    void aRequestNeverWaitsLongerThanTheConfiguredAskTimeoutAndUnknownContextIsLeftOut() throws Exception {
        hub = request -> new Reply(200, "{\"answer\": \"ok\", \"truncated\": true}");

        AgentAnswer answer = value(runtime.ask(new AgentRequest("a", "hi", CallContext.NONE, Duration.ofHours(1))));

        assertThat(answer).isEqualTo(new AgentAnswer("ok", List.of(), true));
        assertThat(JSON.readTree(received.poll().body())).isEqualTo(
                JSON.readTree("{\"request\": \"hi\", \"context\": {}, \"timeout_ms\": 30000}"));
    }

    static Stream<Arguments> errorReplies() {
        return Stream.of(
                Arguments.of("404 with the hub's error", new Reply(404,
                        "{\"error\": {\"code\": \"unknown_agent\", \"message\": \"no agent 'x'\"}}"),
                        AgentErrorCode.UNKNOWN_AGENT, "the hub answered 404: no agent 'x'"),
                Arguments.of("404 without a body", new Reply(404, ""), AgentErrorCode.UNKNOWN_AGENT,
                        "the hub answered 404"),
                Arguments.of("500 with an HTML page", new Reply(500, "<html>oops</html>"), AgentErrorCode.FAILED,
                        "the hub answered 500"),
                Arguments.of("500 naming a known code", new Reply(500,
                        "{\"error\": {\"code\": \"output_too_large\", \"message\": \"too much\"}}"),
                        AgentErrorCode.OUTPUT_TOO_LARGE, "the hub answered 500: too much"),
                Arguments.of("an error code this relay does not know", new Reply(418,
                        "{\"error\": {\"code\": \"teapot\", \"message\": \"short and stout\"}}"),
                        AgentErrorCode.FAILED, "the hub answered 418: short and stout"),
                Arguments.of("401", new Reply(401, ""), AgentErrorCode.UNAUTHORIZED, "the hub answered 401"),
                Arguments.of("403", new Reply(403, ""), AgentErrorCode.UNAUTHORIZED, "the hub answered 403"),
                Arguments.of("400", new Reply(400, ""), AgentErrorCode.INVALID_REQUEST, "the hub answered 400"),
                Arguments.of("429", new Reply(429, ""), AgentErrorCode.BUSY, "the hub answered 429"),
                Arguments.of("503", new Reply(503, ""), AgentErrorCode.UNAVAILABLE, "the hub answered 503"),
                Arguments.of("504", new Reply(504, ""), AgentErrorCode.TIMEOUT, "the hub answered 504"),
                Arguments.of("a redirect (not followed)", new Reply(302, ""), AgentErrorCode.INVALID_RESPONSE,
                        "the hub answered 302"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorReplies")
    void errorRepliesBecomeTypedErrors(String name, Reply reply, AgentErrorCode code, String message)
            throws Exception {
        hub = request -> reply;

        AgentRuntimeException failure = failure(runtime.ask(new AgentRequest("x", "hello", CONTEXT)));

        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.getMessage()).isEqualTo(message);
    }

    static Stream<Arguments> malformedAnswers() {
        return Stream.of(
                Arguments.of("not JSON", "Two commits.", "the body is not valid JSON"),
                Arguments.of("truncated JSON", "{\"answer\": \"Two", "the body is not valid JSON"),
                Arguments.of("empty body", "", "the body must be a JSON object"),
                Arguments.of("a list", "[]", "the body must be a JSON object"),
                Arguments.of("no answer", "{}", "'answer' is required"),
                Arguments.of("answer not a string", "{\"answer\": 3}", "response.answer must be a string"),
                Arguments.of("artifacts not a list", "{\"answer\": \"a\", \"artifacts\": {}}",
                        "'artifacts' must be a list"),
                Arguments.of("artifact without a name", "{\"answer\": \"a\", \"artifacts\": [{\"uri\": \"u\"}]}",
                        "artifacts[0].name is required"),
                Arguments.of("artifact not an object", "{\"answer\": \"a\", \"artifacts\": [\"u\"]}",
                        "artifacts[0] must be an object"),
                Arguments.of("truncated not a boolean", "{\"answer\": \"a\", \"truncated\": \"yes\"}",
                        "'truncated' must be true or false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedAnswers")
    void malformedAnswersAreInvalidResponses(String name, String body, String problem) throws Exception {
        hub = request -> new Reply(200, body);

        AgentRuntimeException failure = failure(runtime.ask(new AgentRequest("x", "hello", CONTEXT)));

        assertThat(failure.code()).isEqualTo(AgentErrorCode.INVALID_RESPONSE);
        assertThat(failure.getMessage()).isEqualTo("the hub's response is malformed: " + problem);
    }

    static Stream<Arguments> malformedAgentLists() {
        return Stream.of(
                Arguments.of("no list", "{\"agents\": {}}", "'agents' must be a list"),
                Arguments.of("agent without id", "{\"agents\": [{\"name\": \"x\"}]}", "agents[0].id is required"),
                Arguments.of("blank id", "{\"agents\": [{\"id\": \" \"}]}", "agents[0].id is required"),
                Arguments.of("numeric name", "{\"agents\": [{\"id\": \"a\", \"name\": 7}]}",
                        "agents[0].name must be a string"),
                Arguments.of("skills not strings", "{\"agents\": [{\"id\": \"a\", \"skills\": [1]}]}",
                        "agents[0].skills must be a list of strings"),
                Arguments.of("agent not an object", "{\"agents\": [\"a\"]}", "agents[0] must be an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedAgentLists")
    void malformedAgentListsAreInvalidResponses(String name, String body, String problem) throws Exception {
        hub = request -> new Reply(200, body);

        AgentRuntimeException failure = failure(runtime.agents());

        assertThat(failure.code()).isEqualTo(AgentErrorCode.INVALID_RESPONSE);
        assertThat(failure.getMessage()).isEqualTo("the hub's response is malformed: " + problem);
    }

    @Test
    void aHubThatDoesNotAnswerInTimeIsATimeout() throws Exception {
        hub = request -> {
            release.await();
            return new Reply(200, "{\"answer\": \"too late\"}");
        };

        AgentRuntimeException failure = failure(
                runtime.ask(new AgentRequest("slow", "hello", CONTEXT, Duration.ofMillis(100))));

        assertThat(failure.code()).isEqualTo(AgentErrorCode.TIMEOUT);
        assertThat(failure.getMessage()).isEqualTo("the hub gave no answer in time");
    }

    static Stream<Arguments> oversizedReplies() {
        String big = "{\"answer\": \"" + "x".repeat(2000) + "\"}";
        return Stream.of(
                Arguments.of("declared length over the limit", new Reply(200, big)),
                Arguments.of("chunked body over the limit", new Reply(200, big, true)),
                Arguments.of("error body over the limit", new Reply(500, big, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversizedReplies")
    void aResponseOverTheSizeLimitIsRefused(String name, Reply reply) throws Exception {
        hub = request -> reply;
        try (HubAgentRuntime small = new HubAgentRuntime(settings(Duration.ofSeconds(30), 1024))) {
            AgentRuntimeException failure = failure(small.ask(new AgentRequest("x", "hello", CONTEXT)));

            assertThat(failure.code()).isEqualTo(AgentErrorCode.OUTPUT_TOO_LARGE);
            assertThat(failure.getMessage()).isEqualTo("the hub's response is larger than 1024 bytes");
        }
    }

    @Test
    void aResponseJustUnderTheSizeLimitIsRead() throws Exception {
        String body = "{\"answer\": \"" + "x".repeat(1000) + "\"}";
        hub = request -> new Reply(200, body, true);
        try (HubAgentRuntime small = new HubAgentRuntime(settings(Duration.ofSeconds(30), body.length()))) {
            assertThat(value(small.ask(new AgentRequest("x", "hello", CONTEXT))).text()).hasSize(1000);
        }
    }

    @Test
    void anUnreachableHubIsUnavailable() throws Exception {
        HubSettings settings = settings(Duration.ofSeconds(30), 1024);
        server.stop(0);
        try (HubAgentRuntime unreachable = new HubAgentRuntime(settings)) {
            AgentRuntimeException failure = failure(unreachable.agents());

            assertThat(failure.code()).isEqualTo(AgentErrorCode.UNAVAILABLE);
        }
    }

    @Test
    void unusableRequestsNeverReachTheHub() throws Exception {
        assertThat(failure(runtime.ask(new AgentRequest("x", " ", CONTEXT))).code())
                .isEqualTo(AgentErrorCode.INVALID_REQUEST);
        assertThat(failure(runtime.ask(new AgentRequest("", "hi", CONTEXT))).code())
                .isEqualTo(AgentErrorCode.INVALID_REQUEST);
        assertThat(received).isEmpty();
    }

    @Test
    void closingFailsRequestsInFlightAndRefusesNewOnes() throws Exception {
        hub = request -> {
            release.await();
            return new Reply(200, "{\"answer\": \"too late\"}");
        };
        CompletableFuture<AgentAnswer> inFlight = runtime.ask(new AgentRequest("x", "hello", CONTEXT));
        received.take();

        runtime.close();

        assertThat(failure(inFlight).code()).isEqualTo(AgentErrorCode.UNAVAILABLE);
        assertThat(failure(runtime.agents()).code()).isEqualTo(AgentErrorCode.UNAVAILABLE);
    }

    @Test
    void theTokenIsSentButNeverLoggedNorShownInErrors() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            hub = request -> new Reply(200, "{\"agents\": [{\"id\": \"a\"}]}");
            assertThat(value(runtime.agents())).hasSize(1);
            hub = request -> new Reply(200, "{\"answer\": \"fine\"}");
            assertThat(value(runtime.ask(new AgentRequest("a", "hello", CONTEXT))).text()).isEqualTo("fine");
            hub = request -> new Reply(401, "{\"error\": {\"code\": \"unauthorized\", \"message\": \"token "
                    + request.authorization() + " is revoked\"}}");
            AgentRuntimeException refused = failure(runtime.ask(new AgentRequest("a", "hello", CONTEXT)));
            hub = request -> new Reply(200, "not json " + TOKEN);
            AgentRuntimeException malformed = failure(runtime.agents());

            assertThat(received).extracting(Received::authorization).containsOnly("Bearer " + TOKEN);
            assertThat(refused.code()).isEqualTo(AgentErrorCode.UNAUTHORIZED);
            assertThat(refused.getMessage()).isEqualTo("the hub answered 401: token Bearer *** is revoked");
            assertThat(malformed.toString()).doesNotContain(TOKEN);
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(TOKEN));
            assertThat(logs.lines()).anyMatch(line -> line.contains("ask agent 'a' failed"));
        }
        assertThat(runtime.toString()).doesNotContain(TOKEN);
        assertThat(settings(Duration.ofSeconds(1), 1).toString()).contains("token=***").doesNotContain(TOKEN);
    }
}
