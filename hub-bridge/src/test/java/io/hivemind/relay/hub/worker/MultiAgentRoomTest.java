package io.hivemind.relay.hub.worker;

import static io.hivemind.relay.hub.worker.CallFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivemind.relay.hub.agent.AgentAnswer;
import io.hivemind.relay.hub.agent.AgentErrorCode;
import io.hivemind.relay.hub.agent.AgentProfile;
import io.hivemind.relay.hub.agent.AgentRequest;
import io.hivemind.relay.hub.agent.AgentRuntime;
import io.hivemind.relay.hub.agent.AgentRuntimeException;
import io.hivemind.relay.hub.realtime.ApiSecret;
import io.hivemind.relay.hub.realtime.RealtimeEndpoint;
import io.hivemind.relay.hub.realtime.ServerVad;
import io.hivemind.relay.hub.realtime.fake.FakeRealtimeServer;
import io.hivemind.relay.hub.realtime.fake.FakeScript;
import io.hivemind.relay.hub.realtime.fake.ReceivedEvent;
import io.hivemind.relay.hub.realtime.fake.ToneMeter;
import io.hivemind.relay.hub.voice.SimulatedHuman;
import io.hivemind.relay.hub.voice.VoiceAudioConfig;
import io.hivemind.relay.media.time.NanoClock;
import io.hivemind.relay.sfu.api.RoomService;
import io.hivemind.relay.sfu.api.RoomServiceConfig;
import io.hivemind.relay.sfu.room.RoomEvent.CaptionRole;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two humans and two agents in one real room, the agents' voice workers on the fake Realtime server, real Opus
 * both ways. Each participant has its own tone: the humans 440 and 1000 Hz (a third, 1200 Hz, names both agents),
 * Kit (the lead, dispatched first) speaks 660 Hz and Nova 770 Hz. The fake transcribes a turn by the tone that
 * dominates it, and an agent's voice is transcribed as naming the other agent, so agents answering each other would
 * show as extra {@code response.create}s.
 */
class MultiAgentRoomTest {

    private static final String KEY = "sk-test-floor";
    private static final String ROOM = "standup";
    private static final double ALICE_HZ = 440;
    private static final double BOB_HZ = 1000;
    private static final double CAROL_HZ = 1200;
    private static final double KIT_HZ = 660;
    private static final double NOVA_HZ = 770;
    private static final List<Double> TONES = List.of(ALICE_HZ, BOB_HZ, CAROL_HZ, KIT_HZ, NOVA_HZ);
    private static final AgentProfile KIT = new AgentProfile("kit", "Kit", "devbox", "codex", "", List.of(), "ash",
            "");
    private static final AgentProfile NOVA = new AgentProfile("nova", "Nova", "devbox", "codex", "", List.of(),
            "verse", "");
    /** 24 kHz mono PCM16, what a session is sent of the room. */
    private static final int PCM24_BYTES_PER_SECOND = 48_000;

    private EventLoopGroup group;
    private RoomService rooms;
    private FakeRealtimeServer realtime;
    private VoiceWorkers workers;
    private final List<SimulatedHuman> humans = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        rooms = new RoomService(group, RoomServiceConfig.DEFAULT, NanoClock.SYSTEM, Clock.systemUTC());
        rooms.createRoom(ROOM);
        realtime = FakeRealtimeServer.start(KEY, new FakeScript(500, 1000, 100, "hello", "sure", null, false)
                .withToneByVoice(Map.of("ash", KIT_HZ, "verse", NOVA_HZ))
                .withTranscriptByTone(Map.of(
                        ALICE_HZ, "Nova, what is the build status",
                        BOB_HZ, "what time is it",
                        CAROL_HZ, "Kit and Nova, what do you both think",
                        KIT_HZ, "Nova, can you check that",
                        NOVA_HZ, "Kit, please confirm")));
        VoiceWorkerSettings settings = new VoiceWorkerSettings(
                new RealtimeEndpoint(realtime.baseUrl(), RealtimeEndpoint.DEFAULT_MODEL), ApiSecret.of(KEY),
                "gpt-4o-mini-transcribe", new ServerVad(0.5, 100, 300), VoiceAudioConfig.DEFAULT,
                Duration.ofSeconds(5));
        workers = new VoiceWorkers(rooms, Optional.of(new TwoAgents()), Optional.of(settings), group,
                NioSocketChannel.class);
    }

    @AfterEach
    void tearDown() {
        humans.forEach(SimulatedHuman::close);
        workers.close();
        rooms.close();
        realtime.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        assertThat(realtime.violations()).isEmpty();
    }

    @Test
    void theAddressedAgentOrTheLeadAnswersEachHearsEveryoneButItselfAndNoneAnswersTheOther() throws Exception {
        Agents agents = seatKitThenNova();
        SimulatedHuman alice = human("alice", 0xA11CE, ALICE_HZ);
        SimulatedHuman bob = human("bob", 0xB0B, BOB_HZ);

        // Alice names Nova: only Nova's session is asked to answer.
        alice.say(30).get(5, TimeUnit.SECONDS);
        awaitCount(agents.nova, 1);
        await(() -> bob.receivedFrom("agent-nova").size() >= 45, "Bob hears Nova's answer");
        // Kit hears Nova's answer (transcribed as naming Kit) and must leave it alone.
        VoiceWorker kit = workers.worker(ROOM, "kit").orElseThrow();
        await(() -> kit.caption(CaptionRole.USER).equals("Kit, please confirm"), "Kit transcribed Nova's voice");
        await(() -> workers.floorHolder(ROOM).isEmpty(), "Nova's answer played out");
        assertThat(responseCreates(agents.kit)).isZero();

        // Bob names nobody: Kit, the lead, answers; Nova hears Kit (transcribed as naming Nova) and stays silent.
        bob.say(30).get(5, TimeUnit.SECONDS);
        awaitCount(agents.kit, 1);
        await(() -> alice.receivedFrom("agent-kit").size() >= 45, "Alice hears Kit's answer");
        VoiceWorker nova = workers.worker(ROOM, "nova").orElseThrow();
        await(() -> nova.caption(CaptionRole.USER).equals("Nova, can you check that"), "Nova transcribed Kit");
        await(() -> workers.floorHolder(ROOM).isEmpty(), "Kit's answer played out");

        // No loop: three more seconds of the room (silence) reach both models and bring no further answer.
        int kitHeard = realtime.audioReceived(agents.kit).length;
        int novaHeard = realtime.audioReceived(agents.nova).length;
        await(() -> realtime.audioReceived(agents.kit).length >= kitHeard + 3 * PCM24_BYTES_PER_SECOND
                && realtime.audioReceived(agents.nova).length >= novaHeard + 3 * PCM24_BYTES_PER_SECOND,
                "three more seconds of room audio reach both sessions");
        assertThat(responseCreates(agents.kit)).isEqualTo(1);
        assertThat(responseCreates(agents.nova)).isEqualTo(1);
        assertThat(kit.droppedAnswers() + nova.droppedAnswers()).isZero();

        // Mix-minus: each session heard both humans and the other agent, never its own voice.
        assertThat(tonesHeard(agents.kit)).containsExactlyInAnyOrder(ALICE_HZ, BOB_HZ, NOVA_HZ);
        assertThat(tonesHeard(agents.nova)).containsExactlyInAnyOrder(ALICE_HZ, BOB_HZ, KIT_HZ);
        assertThat(shareOf(agents.kit, KIT_HZ)).isLessThan(0.01);
        assertThat(shareOf(agents.nova, NOVA_HZ)).isLessThan(0.01);

        for (SimulatedHuman human : List.of(alice, bob)) {
            assertThat(talkspurts(human.arrivalsFrom("agent-kit")))
                    .noneMatch(k -> talkspurts(human.arrivalsFrom("agent-nova")).stream().anyMatch(k::overlaps));
        }
    }

    @Test
    void whenBothAreNamedTheyAnswerOneAfterTheOtherTheSecondAnswerErasedAndAskedAgain() throws Exception {
        Agents agents = seatKitThenNova();
        SimulatedHuman alice = human("alice", 0xA11CE, ALICE_HZ);
        SimulatedHuman carol = human("carol", 0xCA201, CAROL_HZ);

        carol.say(30).get(5, TimeUnit.SECONDS);
        awaitCount(agents.kit, 1);
        awaitCount(agents.nova, 1);
        VoiceWorker kit = workers.worker(ROOM, "kit").orElseThrow();
        VoiceWorker nova = workers.worker(ROOM, "nova").orElseThrow();
        await(() -> kit.droppedAnswers() + nova.droppedAnswers() == 1, "one answer dropped");
        boolean kitFirst = nova.droppedAnswers() == 1;
        String first = kitFirst ? "agent-kit" : "agent-nova";
        String second = kitFirst ? "agent-nova" : "agent-kit";
        int erased = kitFirst ? agents.nova : agents.kit;
        await(() -> alice.receivedFrom(first).size() >= 45, "Alice hears the one who took the floor");
        assertThat(realtime.truncations()).anySatisfy(cut -> {
            assertThat(cut.session()).isEqualTo(erased);
            assertThat(cut.audioEndMs()).isZero();
        });
        assertThat(realtime.received("response.cancel")).extracting(ReceivedEvent::session).containsExactly(erased);

        // Once the first answer played out, the second agent asks again and speaks.
        awaitCount(erased, 2);
        await(() -> alice.receivedFrom(second).size() >= 45, "Alice hears the second answer");
        await(() -> workers.floorHolder(ROOM).isEmpty(), "the second answer played out");

        assertThat(kit.droppedAnswers() + nova.droppedAnswers()).isEqualTo(1);
        assertThat(responseCreates(kitFirst ? agents.kit : agents.nova)).isEqualTo(1);
        for (SimulatedHuman human : List.of(alice, carol)) {
            List<Talkspurt> firstSpurts = talkspurts(human.arrivalsFrom(first));
            List<Talkspurt> secondSpurts = talkspurts(human.arrivalsFrom(second));
            assertThat(secondSpurts).isNotEmpty().allSatisfy(later -> assertThat(later.fromNanos())
                    .isGreaterThan(firstSpurts.get(firstSpurts.size() - 1).toNanos()));
        }
    }

    @Test
    void aHumanBargesInOnTheSpeakerWhoGivesUpTheFloorAndTheAgentTheHumanNamesAnswers() throws Exception {
        Agents agents = seatKitThenNova();
        SimulatedHuman alice = human("alice", 0xA11CE, ALICE_HZ);
        SimulatedHuman bob = human("bob", 0xB0B, BOB_HZ);
        bob.say(30).get(5, TimeUnit.SECONDS);
        awaitCount(agents.kit, 1);
        await(() -> alice.receivedFrom("agent-kit").size() >= 10, "Kit is speaking");

        // Alice talks over Kit, naming Nova; Nova heard Kit when this turn began, yet it is Alice's turn.
        CompletableFuture<Void> said = alice.say(80);
        awaitCount(agents.nova, 1);
        said.get(5, TimeUnit.SECONDS);

        assertThat(realtime.truncations()).anySatisfy(cut -> {
            assertThat(cut.session()).isEqualTo(agents.kit);
            assertThat(cut.audioEndMs()).isPositive().isLessThan(1000);
        });
        assertThat(alice.receivedFrom("agent-kit").size()).isLessThan(50);
        await(() -> bob.receivedFrom("agent-nova").size() >= 45, "Bob hears Nova's answer");
        await(() -> workers.floorHolder(ROOM).isEmpty(), "Nova's answer played out");
        assertThat(responseCreates(agents.kit)).isEqualTo(1);
        assertThat(talkspurts(bob.arrivalsFrom("agent-kit")))
                .noneMatch(k -> talkspurts(bob.arrivalsFrom("agent-nova")).stream().anyMatch(k::overlaps));
    }

    @Test
    void theAgentLeftAloneAnswersEveryTurnByItselfAgain() throws Exception {
        Agents agents = seatKitThenNova();
        SimulatedHuman alice = human("alice", 0xA11CE, ALICE_HZ);

        workers.remove(ROOM, "kit").get(5, TimeUnit.SECONDS);
        await(() -> !manual(agents.nova), "Nova's session answers by itself again");
        alice.say(30).get(5, TimeUnit.SECONDS);

        await(() -> alice.receivedFrom("agent-nova").size() >= 45, "Alice hears Nova answer by itself");
        assertThat(responseCreates(agents.nova)).isZero();
        await(() -> workers.floorHolder(ROOM).isEmpty(), "Nova's answer played out");
    }

    private Agents seatKitThenNova() throws Exception {
        workers.dispatch(ROOM, "kit", "alice", null, VoiceWorkerObserver.NONE).get(10, TimeUnit.SECONDS);
        workers.dispatch(ROOM, "nova", "alice", null, VoiceWorkerObserver.NONE).get(10, TimeUnit.SECONDS);
        realtime.awaitSessions(2);
        // Kit was alone and answered by itself; with Nova seated both sessions answer only when asked.
        await(() -> manual(sessionOf("Kit")) && manual(sessionOf("Nova")), "both sessions answer only when asked");
        return new Agents(sessionOf("Kit"), sessionOf("Nova"));
    }

    private record Agents(int kit, int nova) {
    }

    private SimulatedHuman human(String identity, int ssrc, double hz) throws Exception {
        SimulatedHuman human = new SimulatedHuman(rooms, ROOM, identity, ssrc, hz).join();
        humans.add(human);
        return human;
    }

    /** The session whose instructions speak as {@code name}, or -1. */
    private int sessionOf(String name) {
        return realtime.received("session.update").stream()
                .filter(e -> e.json().at("/session/instructions").asText().startsWith("You are " + name + ","))
                .mapToInt(ReceivedEvent::session).findFirst().orElse(-1);
    }

    /** Whether the latest session.update of {@code session} turned the model's own answers off. */
    private boolean manual(int session) {
        List<JsonNode> updates = realtime.received("session.update").stream().filter(e -> e.session() == session)
                .map(ReceivedEvent::json).toList();
        return !updates.isEmpty() && !updates.get(updates.size() - 1)
                .at("/session/audio/input/turn_detection/create_response").asBoolean(true);
    }

    private long responseCreates(int session) {
        return realtime.received("response.create").stream().filter(e -> e.session() == session).count();
    }

    private void awaitCount(int session, long count) throws InterruptedException {
        await(() -> responseCreates(session) >= count, count + " response.create on session " + session);
    }

    /** The tones that dominate (carry 80 % of) some 100 ms window of what {@code session} heard. */
    private Set<Double> tonesHeard(int session) {
        short[] pcm = ToneMeter.samples(realtime.audioReceived(session));
        Set<Double> heard = new TreeSet<>();
        int window = ToneMeter.RATE / 10;
        for (int from = 0; from + window <= pcm.length; from += window) {
            short[] slice = Arrays.copyOfRange(pcm, from, from + window);
            for (double hz : TONES) {
                if (ToneMeter.energyShareAt(slice, hz) > 0.8) {
                    heard.add(hz);
                }
            }
        }
        return heard;
    }

    /** The share of {@code hz} in all that {@code session} heard. */
    private double shareOf(int session, double hz) {
        return ToneMeter.windowedShareAt(ToneMeter.samples(realtime.audioReceived(session)), hz);
    }

    /** A run of packets that arrived less than 100 ms apart, as [first, last] arrival times. */
    private record Talkspurt(long fromNanos, long toNanos) {
        boolean overlaps(Talkspurt other) {
            return fromNanos <= other.toNanos && other.fromNanos <= toNanos;
        }
    }

    private static List<Talkspurt> talkspurts(List<Long> arrivals) {
        List<Talkspurt> spurts = new ArrayList<>();
        long gap = TimeUnit.MILLISECONDS.toNanos(100);
        for (int i = 0; i < arrivals.size(); ) {
            int j = i;
            while (j + 1 < arrivals.size() && arrivals.get(j + 1) - arrivals.get(j) < gap) {
                j++;
            }
            spurts.add(new Talkspurt(arrivals.get(i), arrivals.get(j)));
            i = j + 1;
        }
        return spurts;
    }


    /** Kit and Nova, whose asks are never made here (the fake calls no tool). */
    private static final class TwoAgents implements AgentRuntime {
        @Override
        public CompletableFuture<List<AgentProfile>> agents() {
            return CompletableFuture.completedFuture(List.of(KIT, NOVA));
        }

        @Override
        public CompletableFuture<AgentAnswer> ask(AgentRequest request) {
            return CompletableFuture.failedFuture(new AgentRuntimeException(AgentErrorCode.UNAVAILABLE,
                    "no machine in this test"));
        }

        @Override
        public void close() {
        }
    }
}
