package io.hivemind.relay.hub.worker;

import io.hivemind.relay.hub.agent.AgentRuntime;
import io.hivemind.relay.hub.agent.EmbeddedAgentRuntime;
import io.hivemind.relay.hub.realtime.ApiSecret;
import io.hivemind.relay.hub.realtime.RealtimeEndpoint;
import io.hivemind.relay.hub.realtime.fake.FakeRealtimeServer;
import io.hivemind.relay.hub.realtime.fake.FakeScript;
import io.hivemind.relay.hub.voice.SentRtp;
import io.hivemind.relay.hub.voice.SimulatedHuman;
import io.hivemind.relay.media.time.NanoClock;
import io.hivemind.relay.sfu.api.RoomService;
import io.hivemind.relay.sfu.api.RoomServiceConfig;
import io.hivemind.relay.sfu.room.ParticipantInfo;
import io.hivemind.relay.sfu.room.RoomEvent;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One call, all real: a {@link RoomService} on Netty loops, an embedded agent runtime over an agents file whose
 * agent is a small {@code sh} script, the fake Realtime server, voice workers pointed at it, and a simulated human
 * (alice, a 300 Hz tone as Opus RTP) in the room. The worker paces itself in real time, so waits are generous.
 */
final class CallFixture implements AutoCloseable {

    static final String ROOM = "standup";
    static final String AGENT = "kit";
    static final String AGENT_IDENTITY = "agent-kit";
    static final String HUMAN = "alice";
    static final double HUMAN_HZ = 300;
    static final double AGENT_HZ = 660;
    /** Distinctive, so a test can look for it anywhere it must not be. */
    static final String KEY = "sk-test-worker-key-7f3e9a41c2d8";
    /** What the agent's script writes its standard input to, in its directory. */
    static final String REQUEST_FILE = "last-request.txt";
    static final String ANSWER_PREFIX = "two commits since yesterday, asked: ";
    static final Duration WAIT = Duration.ofSeconds(30);

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    final RoomService rooms = new RoomService(group, RoomServiceConfig.DEFAULT, NanoClock.SYSTEM, Clock.systemUTC());
    final Path repo;
    final EmbeddedAgentRuntime runtime;
    final List<WorkerState> states = new CopyOnWriteArrayList<>();
    final List<String> toolCallErrors = new CopyOnWriteArrayList<>();
    final VoiceWorkerObserver observer = new VoiceWorkerObserver() {
        @Override
        public void onState(VoiceWorker worker, WorkerState state, String detail) {
            states.add(state);
        }

        @Override
        public void onToolCall(VoiceWorker worker, String error) {
            toolCallErrors.add(error == null ? "" : error);
        }
    };
    private final List<AutoCloseable> closeables = new ArrayList<>();
    FakeRealtimeServer server;
    VoiceWorkers workers;
    SimulatedHuman human;

    CallFixture(Path directory) throws Exception {
        repo = Files.createDirectory(directory.resolve("repo"));
        Path agentsFile = directory.resolve("agents.yaml");
        Files.writeString(agentsFile, """
                agents:
                  - id: kit
                    name: Kit
                    directory: repo
                    command: [sh, -c, "cat > %s && printf '%s' && cat %s"]
                """.formatted(REQUEST_FILE, ANSWER_PREFIX, REQUEST_FILE));
        runtime = EmbeddedAgentRuntime.fromFile(agentsFile, "test-machine");
        rooms.createRoom(ROOM);
    }

    /** Voice workers with the fake's endpoint and {@link #KEY}, or none when {@code settings} is false. */
    VoiceWorkers workers(Optional<AgentRuntime> agents, boolean settings) {
        Optional<VoiceWorkerSettings> voice = settings
                ? Optional.of(VoiceWorkerSettings.of(new RealtimeEndpoint(server.baseUrl(), "gpt-realtime"),
                        ApiSecret.of(KEY)))
                : Optional.empty();
        VoiceWorkers created = new VoiceWorkers(rooms, agents, voice, group, NioSocketChannel.class);
        closeables.add(created);
        return created;
    }

    /** Starts the fake server with {@code script}, the workers, alice in the room. */
    CallFixture serve(FakeScript script) throws Exception {
        server = FakeRealtimeServer.start(KEY, script);
        closeables.add(server);
        workers = workers(Optional.of(runtime), true);
        human = new SimulatedHuman(rooms, ROOM, HUMAN, 0xA11CE, HUMAN_HZ).join();
        closeables.add(human);
        return this;
    }

    /** {@link #serve} and dispatches the agent; returns once its Realtime session is configured. */
    VoiceWorker call(FakeScript script) throws Exception {
        serve(script);
        VoiceWorker worker = dispatch();
        server.awaitReceived("session.update", 1);
        return worker;
    }

    VoiceWorker dispatch() throws Exception {
        return workers.dispatch(ROOM, AGENT, HUMAN, "call-1", observer).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Alice says {@code millis} of her tone, in real time, and falls silent. */
    void say(int millis) throws Exception {
        human.say(millis / 20).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The agent's packets alice received, in arrival order. */
    List<SentRtp> heardFromAgent() {
        return human.receivedFrom(AGENT_IDENTITY);
    }

    /** Waits until alice received at least {@code count} packets from the agent, and returns them all. */
    List<SentRtp> awaitHeardFromAgent(int count) {
        await(() -> heardFromAgent().size() >= count, count + " agent packets at alice");
        return heardFromAgent();
    }

    /**
     * Waits until the worker's voice thread ran at least {@code count} more times: each run appends what the agent
     * heard, so appends count ticks without reading a clock.
     */
    void awaitTicks(int count) {
        int now = server.received("input_audio_buffer.append").size();
        server.awaitReceived("input_audio_buffer.append", now + count);
    }

    List<String> participants() throws Exception {
        return rooms.requireRoom(ROOM).participants().get(WAIT.toSeconds(), TimeUnit.SECONDS).stream()
                .map(ParticipantInfo::identity).toList();
    }

    /** Collects the room's caption events from now on. */
    List<RoomEvent.Caption> captions() throws Exception {
        List<RoomEvent.Caption> captions = new CopyOnWriteArrayList<>();
        rooms.addListener(ROOM, event -> {
            if (event instanceof RoomEvent.Caption caption) {
                captions.add(caption);
            }
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return captions;
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        runtime.close();
        rooms.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
