package io.hivemind.relay.hub.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivemind.relay.hub.realtime.RealtimeServerEvent.FunctionCallArgumentsDone;
import io.hivemind.relay.hub.realtime.RealtimeServerEvent.OutputAudioDelta;
import io.hivemind.relay.hub.realtime.RealtimeServerEvent.ResponseDone;
import io.hivemind.relay.hub.realtime.fake.FakeRealtimeServer;
import io.hivemind.relay.hub.realtime.fake.FakeScript;
import io.hivemind.relay.hub.realtime.fake.ReceivedEvent;
import io.hivemind.relay.hub.realtime.fake.ToneMeter;
import io.hivemind.relay.media.time.ManualClock;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against the fake Realtime server over real loopback sockets. */
class RealtimeClientTest {

    static final String KEY = "sk-test-0123456789abcdef";
    static final RealtimeSessionConfig SESSION = RealtimeSessionConfig.forAgent(RealtimeSessionConfigTest.AGENT,
            RealtimeSessionConfig.DEFAULT_TRANSCRIPTION_MODEL, new ServerVad(0.5, 0, 300));
    private static final ReconnectPolicy POLICY = new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(8),
            3, 0);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final RecordingListener listener = new RecordingListener();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final ManualClock clock = new ManualClock();
    private FakeRealtimeServer server;
    private RealtimeClient client;
    private long samplesSpoken;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void configuresTheSessionWithTheKeyAndWithoutTheBetaHeader() throws Exception {
        connect(FakeScript.defaults());

        JsonNode update = server.received("session.update").get(0).json();
        assertThat(update.get("session")).isEqualTo(SESSION.toJson());
        assertThat(server.handshakes()).containsExactly(
                new FakeRealtimeServer.Handshake("gpt-realtime", true, false, 101));
        assertThat(server.violations()).isEmpty();
        assertThat(client.stats().sessions()).isEqualTo(1);
    }

    @Test
    void speechIsAnsweredWithTranscriptsAndTheTone() throws Exception {
        connect(FakeScript.defaults().withTone(440));

        speak(300, 400);
        silence(600);

        listener.await(ResponseDone.class, 1);
        assertThat(listener.events(RealtimeServerEvent.SpeechStarted.class)).hasSize(1);
        assertThat(listener.events(RealtimeServerEvent.SpeechStopped.class)).hasSize(1);
        assertThat(listener.events(RealtimeServerEvent.InputTranscriptCompleted.class))
                .extracting(RealtimeServerEvent.InputTranscriptCompleted::transcript)
                .containsExactly("what is the build status");
        assertThat(listener.events(RealtimeServerEvent.OutputTranscriptDone.class))
                .extracting(RealtimeServerEvent.OutputTranscriptDone::transcript)
                .containsExactly("the build is green");
        short[] answer = ToneMeter.samples(agentAudio());
        assertThat(answer).hasSize(600 * 24);
        assertThat(ToneMeter.energyShareAt(answer, 440)).isGreaterThan(0.95);
        assertThat(ToneMeter.energyShareAt(answer, 300)).isLessThan(0.05);

        server.awaitReceived("input_audio_buffer.append", 50);
        short[] heard = ToneMeter.samples(server.audioReceived(0));
        assertThat(heard).hasSize(1000 * 24);
        short[] spoken = java.util.Arrays.copyOf(heard, 400 * 24);
        assertThat(ToneMeter.energyShareAt(spoken, 300)).isGreaterThan(0.95);
        assertThat(server.violations()).isEmpty();
        assertThat(client.stats().ignoredEvents()).isPositive();
        assertThat(client.stats().malformedEvents()).isZero();
    }

    @Test
    void functionCallOutputIsFollowedByExactlyOneResponseCreate() throws Exception {
        listener.react(event -> {
            if (event instanceof FunctionCallArgumentsDone call) {
                // Still inside the function-call response: the request must wait for its response.done.
                client.sendFunctionCallOutput(call.callId(), "{\"answer\":\"working tree clean\"}");
                client.requestResponse();
            }
        });
        connect(FakeScript.defaults().withFunctionCall("git status"));

        speak(300, 300);
        silence(400);

        FunctionCallArgumentsDone call = listener.await(FunctionCallArgumentsDone.class, 1).get(0);
        assertThat(call.name()).isEqualTo(AskComputerAgentTool.NAME);
        assertThat(AskComputerAgentTool.request(call.arguments())).contains("git status");
        listener.await(ResponseDone.class, 2);
        assertThat(types(0)).containsSubsequence("conversation.item.create", "response.create");
        assertThat(server.received("response.create")).hasSize(1);
        assertThat(server.received("conversation.item.create").get(0).json().at("/item/call_id").asText())
                .isEqualTo(call.callId());
        assertThat(listener.events(OutputAudioDelta.class)).isNotEmpty();
        assertThat(client.stats().deferredResponses()).isEqualTo(1);
        assertThat(server.violations()).isEmpty();
    }

    @Test
    void reconnectsAfterADroppedSocketAndReplaysConfigAndHistory() throws Exception {
        conversationWithAToolCall();
        String callId = listener.events(FunctionCallArgumentsDone.class).get(0).callId();

        server.dropConnection();
        scheduler.awaitScheduled(1);
        clock.advanceMillis(750);
        scheduler.runPending();
        listener.awaitCondition(() -> listener.reconnected().size() == 1, "reconnection");

        assertThat(listener.reconnecting()).containsExactly(
                new RecordingListener.Reconnecting(1, Duration.ofMillis(500), "connection lost"));
        assertThat(listener.reconnected()).containsExactly(Duration.ofMillis(750));
        assertReplayed(callId);
        assertThat(client.stats().reconnects()).isEqualTo(1);
        assertThat(listener.closed()).isEmpty();
    }

    @Test
    void reconnectsWhenTheSessionExpires() throws Exception {
        conversationWithAToolCall();
        String callId = listener.events(FunctionCallArgumentsDone.class).get(0).callId();

        server.expireSession();
        listener.await(RealtimeServerEvent.ServerError.class, RealtimeServerEvent.ServerError::sessionExpired);
        scheduler.awaitScheduled(1);
        scheduler.runPending();
        listener.awaitCondition(() -> listener.reconnected().size() == 1, "reconnection");

        assertThat(listener.reconnecting()).extracting(RecordingListener.Reconnecting::reason)
                .containsExactly("session expired");
        assertReplayed(callId);
    }

    @Test
    void pongsKeepAQuietConnectionOpen() throws Exception {
        connectWithKeepAlive(Duration.ofMillis(100));

        // Without pongs the second quiet interval would close the connection after the first ping.
        listener.awaitCondition(() -> client.stats().keepAlivePings() >= 3, "three keep-alive pings");
        assertThat(scheduler.delays()).isEmpty();
        assertThat(server.sessionCount()).isEqualTo(1);
    }

    @Test
    void aSilentlyDeadConnectionIsNoticedAndReplaced() throws Exception {
        connectWithKeepAlive(Duration.ofMillis(200));

        server.freeze();
        scheduler.awaitScheduled(1);
        assertThat(listener.reconnecting()).extracting(RecordingListener.Reconnecting::reason)
                .containsExactly("connection lost");
        scheduler.runPending();
        listener.awaitCondition(() -> listener.reconnected().size() == 1, "reconnection");
        assertThat(server.sessionCount()).isEqualTo(2);
    }

    @Test
    void audioIsAnsweredAgainAfterAReconnect() throws Exception {
        connect(FakeScript.defaults());
        server.dropConnection();
        scheduler.awaitScheduled(1);
        speak(300, 100);
        listener.awaitCondition(() -> client.stats().droppedAudioChunks() == 5, "5 dropped chunks");
        scheduler.runPending();
        listener.awaitCondition(() -> listener.reconnected().size() == 1, "reconnection");

        samplesSpoken = 0;
        speak(300, 300);
        silence(400);
        listener.await(ResponseDone.class, 1);
        server.awaitReceived("input_audio_buffer.append", 35);
        assertThat(server.audioReceived(1)).hasSize(700 * 48);
        assertThat(server.violations()).isEmpty();
    }

    @Test
    void aFailingListenerDoesNotBreakTheConnection() throws Exception {
        listener.react(event -> {
            throw new IllegalStateException("listener bug");
        });
        connect(FakeScript.defaults());
        speak(300, 300);
        silence(400);

        listener.await(ResponseDone.class, 1);
        assertThat(scheduler.delays()).isEmpty();
        assertThat(server.sessionCount()).isEqualTo(1);
    }

    @Test
    void backsOffExponentiallyAndGivesUp() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        client = RealtimeClient.builder(new RealtimeEndpoint(URI.create("ws://127.0.0.1:" + closedPort
                        + "/v1/realtime"), "gpt-realtime"), ApiSecret.of(KEY), SESSION, listener)
                .transport(group, NioSocketChannel.class).reconnectPolicy(POLICY).reconnectScheduler(scheduler)
                .clock(clock).build();
        client.start();
        for (int attempt = 1; attempt <= 3; attempt++) {
            scheduler.awaitScheduled(attempt);
            scheduler.runPending();
        }
        listener.awaitCondition(() -> !listener.closed().isEmpty(), "giving up");

        assertThat(scheduler.delays()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000),
                Duration.ofMillis(2000));
        assertThat(listener.closed()).singleElement().asString().startsWith("gave up after 3");
    }

    @Test
    void aRefusedKeyStopsWithoutRetrying() throws Exception {
        server = FakeRealtimeServer.start(KEY, FakeScript.defaults());
        client = RealtimeClient.builder(new RealtimeEndpoint(server.baseUrl(), "gpt-realtime"),
                        ApiSecret.of("sk-wrong"), SESSION, listener)
                .transport(group, NioSocketChannel.class).reconnectPolicy(POLICY).reconnectScheduler(scheduler)
                .clock(clock).build();
        client.start();
        listener.awaitCondition(() -> !listener.closed().isEmpty(), "close");

        assertThat(listener.closed()).containsExactly("the Realtime endpoint refused the key (HTTP 401)");
        assertThat(scheduler.delays()).isEmpty();
        assertThat(server.handshakes()).extracting(FakeRealtimeServer.Handshake::status).containsExactly(401);
    }

    @Test
    void bargeInTruncatesToThePlayedMilliseconds() throws Exception {
        connect(FakeScript.defaults().holdingResponses());
        speak(300, 300);
        silence(400);
        List<OutputAudioDelta> deltas = listener.await(OutputAudioDelta.class, 6);

        server.injectSpeechStarted();
        ResponseDone done = listener.await(ResponseDone.class, 1).get(0);
        assertThat(done.status()).isEqualTo("cancelled");
        assertThat(done.reason()).isEqualTo("turn_detected");
        client.truncate(deltas.get(0).itemId(), 0, 250);

        assertThat(server.awaitTruncations(1)).containsExactly(
                new FakeRealtimeServer.Truncation(0, deltas.get(0).itemId(), 250));
        assertThat(server.violations()).isEmpty();
    }

    @Test
    void aResponseRequestedDuringAVadResponseWaitsForItsDone() throws Exception {
        connect(FakeScript.defaults().holdingResponses());
        speak(300, 300);
        silence(400);
        listener.await(OutputAudioDelta.class, 6);

        client.requestResponse();
        listener.awaitCondition(() -> client.stats().deferredResponses() == 1, "a deferred request");
        assertThat(server.received("response.create")).isEmpty();
        server.finishResponse();
        server.awaitReceived("response.create", 1);
        listener.await(RealtimeServerEvent.ResponseCreated.class, 2);

        assertThat(server.violations()).isEmpty();
    }

    @Test
    void aSessionUpdatedToAnswerOnlyWhenAskedTranscribesTurnsWithoutAnsweringThem() throws Exception {
        connect(FakeScript.defaults().holdingResponses());
        RealtimeSessionConfig asked = SESSION.withAutoRespond(false);

        client.updateSession(asked);
        server.awaitReceived("session.update", 2);
        speak(300, 300);
        silence(400);
        listener.await(RealtimeServerEvent.InputTranscriptCompleted.class, 1);
        client.requestResponse();
        String responseId = listener.await(RealtimeServerEvent.ResponseCreated.class, 1).get(0).responseId();
        client.cancelResponse(responseId);

        assertThat(listener.await(ResponseDone.class, 1).get(0).status()).isEqualTo("cancelled");
        assertThat(server.received("session.update").get(1).json().get("session")).isEqualTo(asked.toJson());
        assertThat(server.received("response.cancel")).singleElement()
                .satisfies(cancel -> assertThat(cancel.json().get("response_id").asText()).isEqualTo(responseId));
        assertThat(types(0)).filteredOn("response.create"::equals).hasSize(1);
        assertThat(server.violations()).isEmpty();
    }

    @Test
    void aCreatedItemWaitsForTheSessionAndIsNotSentTwice() throws Exception {
        server = FakeRealtimeServer.start(KEY, FakeScript.defaults());
        client = newClient();
        client.createItem(new ConversationItem.UserText("early"));
        client.requestResponse();
        client.start();
        listener.await(ResponseDone.class, 1);

        assertThat(types(0)).containsExactly("session.update", "conversation.item.create", "response.create");
        assertThat(server.violations()).isEmpty();
    }

    // ---- helpers ----

    private void connect(FakeScript script) throws Exception {
        server = FakeRealtimeServer.start(KEY, script);
        client = newClient();
        client.start();
        listener.await(RealtimeServerEvent.SessionUpdated.class, 1);
    }

    private void connectWithKeepAlive(Duration idle) throws Exception {
        server = FakeRealtimeServer.start(KEY, FakeScript.defaults());
        client = RealtimeClient.builder(new RealtimeEndpoint(server.baseUrl(), "gpt-realtime"), ApiSecret.of(KEY),
                        SESSION, listener)
                .transport(group, NioSocketChannel.class).reconnectPolicy(POLICY).reconnectScheduler(scheduler)
                .clock(clock).keepAlive(idle).build();
        client.start();
        listener.await(RealtimeServerEvent.SessionUpdated.class, 1);
    }

    private RealtimeClient newClient() {
        return RealtimeClient.builder(new RealtimeEndpoint(server.baseUrl(), "gpt-realtime"), ApiSecret.of(KEY),
                        SESSION, listener)
                .transport(group, NioSocketChannel.class).reconnectPolicy(POLICY).reconnectScheduler(scheduler)
                .clock(clock).build();
    }

    /** A turn that calls the tool, gets its output, and is answered aloud. */
    private void conversationWithAToolCall() throws Exception {
        listener.react(event -> {
            if (event instanceof FunctionCallArgumentsDone call) {
                client.sendFunctionCallOutput(call.callId(), "clean");
                client.requestResponse();
            }
        });
        connect(FakeScript.defaults().withFunctionCall("git status"));
        speak(300, 300);
        silence(400);
        listener.await(RealtimeServerEvent.OutputTranscriptDone.class, 1);
        listener.await(ResponseDone.class, 2);
    }

    private void assertReplayed(String callId) {
        server.awaitSessions(2);
        List<ReceivedEvent> items = server.awaitReceived("conversation.item.create", 5).stream()
                .filter(event -> event.session() == 1).toList();
        assertThat(server.received("session.update")).extracting(ReceivedEvent::session).containsExactly(0, 1);
        assertThat(items).extracting(event -> event.json().get("item").toString()).containsExactly(
                "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                        + "\"text\":\"what is the build status\"}]}",
                "{\"type\":\"function_call\",\"call_id\":\"" + callId + "\",\"name\":\"ask_computer_agent\","
                        + "\"arguments\":\"{\\\"request\\\":\\\"git status\\\"}\"}",
                "{\"type\":\"function_call_output\",\"call_id\":\"" + callId + "\",\"output\":\"clean\"}",
                "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\","
                        + "\"text\":\"the build is green\"}]}");
        assertThat(types(1).get(0)).isEqualTo("session.update");
        assertThat(server.violations()).isEmpty();
    }

    private List<String> types(int session) {
        return server.received().stream().filter(event -> event.session() == session).map(ReceivedEvent::type)
                .toList();
    }

    private byte[] agentAudio() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (OutputAudioDelta delta : listener.events(OutputAudioDelta.class)) {
            out.writeBytes(delta.pcm());
        }
        return out.toByteArray();
    }

    private void speak(double hz, int millis) {
        for (int i = 0; i < millis / 20; i++) {
            byte[] chunk = ToneMeter.tone(hz, 6000, samplesSpoken, 480);
            samplesSpoken += 480;
            client.appendAudio(chunk, 0, chunk.length);
        }
    }

    private void silence(int millis) {
        byte[] chunk = new byte[960];
        for (int i = 0; i < millis / 20; i++) {
            client.appendAudio(chunk, 0, chunk.length);
        }
    }
}
