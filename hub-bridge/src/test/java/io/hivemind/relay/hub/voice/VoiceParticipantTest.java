package io.hivemind.relay.hub.voice;

import io.hivemind.relay.media.rtp.AudioLevelExtension;
import io.hivemind.relay.media.time.ManualClock;
import io.hivemind.relay.media.time.NanoClock;
import io.hivemind.relay.sfu.api.RoomService;
import io.hivemind.relay.sfu.api.RoomServiceConfig;
import io.hivemind.relay.sfu.room.ParticipantInfo;
import io.hivemind.relay.sfu.room.RoomError;
import io.hivemind.relay.sfu.room.RoomEvent;
import io.hivemind.relay.sfu.room.RoomException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A voice participant in a real room on Netty loops, with real Opus: simulated humans join through the in-process
 * transport and talk tones; the worker must hear them (and never itself) and be heard. Time is driven by hand: each
 * 20 ms frame the clock moves, every talking human sends one packet, the room delivers it, the worker ticks once.
 */
class VoiceParticipantTest {
    private static final String ROOM = "call";

    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private EventLoopGroup group;
    private RoomService rooms;

    @BeforeEach
    void setUp() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        rooms = new RoomService(group, RoomServiceConfig.DEFAULT, clock, Clock.systemUTC());
        rooms.createRoom(ROOM);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        rooms.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private SimulatedHuman human(String identity, int ssrc, double hz) throws Exception {
        return closeLater(new SimulatedHuman(rooms, ROOM, identity, ssrc, hz)).join();
    }

    private VoiceParticipant agent(PcmSink sink) throws Exception {
        return closeLater(VoiceParticipant.join(rooms, ROOM, "kit", "Kit", VoiceAudioConfig.DEFAULT, clock, sink,
                Pacing.MANUAL).get(5, TimeUnit.SECONDS));
    }

    /** Runs {@code count} frames: time moves 20 ms, each talker sends a packet, the agent ticks. */
    private void frames(int count, VoiceParticipant agent, SimulatedHuman... talkers) throws Exception {
        for (int f = 0; f < count; f++) {
            clock.advanceMillis(20);
            for (SimulatedHuman talker : talkers) {
                talker.sendFrame();
            }
            roomIdle();
            agent.tick().get(5, TimeUnit.SECONDS);
            roomIdle();
        }
    }

    /** Returns once the room's loop has run everything queued so far (packets hop there from other threads). */
    private void roomIdle() throws Exception {
        rooms.requireRoom(ROOM).run(() -> { }).get(5, TimeUnit.SECONDS);
    }

    private static byte[] tone24k(double hz, int millis) {
        return Tones.littleEndian(Tones.sine(hz, 24_000, 0, millis * 24, 10_000));
    }

    /** The last {@code millis} of what the sink received. */
    private static short[] last(PcmCollector heard, int millis) {
        List<byte[]> all = heard.all();
        return Tones.fromLittleEndian(all.subList(all.size() - millis / 20, all.size()));
    }

    @Test
    void hearsAHumanWhoWasAlreadyTalkingAndNeverItself() throws Exception {
        SimulatedHuman alice = human("alice", 0xA11CE, 440);
        PcmCollector heard = new PcmCollector(1);
        // Alice talks before the agent arrives: the agent learns her consumer SSRC from its own join's events.
        alice.sendFrame();
        VoiceParticipant agent = agent(heard);
        // The agent talks at the same time: its own 660 Hz must not come back to it.
        agent.output().speak("item_1", tone24k(660, 2000));

        frames(80, agent, alice);

        short[] pcm = last(heard, 1000);
        assertThat(Tones.dominantHz(pcm, 24_000)).isBetween(435.0, 445.0);
        assertThat(Tones.share(pcm, 440, 24_000)).isGreaterThan(0.9);
        assertThat(Tones.share(pcm, 660, 24_000)).isLessThan(0.01);
        assertThat(alice.receivedFrom(agent.identity())).hasSize(80);
        assertThat(agent.input().packetsDropped()).isZero();
        assertThat(agent.speakers()).hasSize(1).containsValue("alice");
    }

    @Test
    void mixesHumansWhoJoinAfterItAndDropsOneWhoLeaves() throws Exception {
        PcmCollector heard = new PcmCollector(1);
        VoiceParticipant agent = agent(heard);
        SimulatedHuman alice = human("alice", 0xA11CE, 440);
        SimulatedHuman bob = human("bob", 0xB0B, 1000);

        frames(80, agent, alice, bob);

        short[] pcm = last(heard, 1000);
        assertThat(Tones.share(pcm, 440, 24_000)).isBetween(0.3, 0.7);
        assertThat(Tones.share(pcm, 1000, 24_000)).isBetween(0.3, 0.7);
        assertThat(agent.speakers().values()).containsExactlyInAnyOrder("alice", "bob");

        rooms.leave(ROOM, "bob").get(5, TimeUnit.SECONDS);
        frames(60, agent, alice);
        assertThat(agent.speakers().values()).containsExactly("alice");
        assertThat(Tones.share(last(heard, 1000), 1000, 24_000)).isLessThan(0.01);
    }

    @Test
    void aHumanHearsTheAgentAsContinuousOpusWithAudioLevels() throws Exception {
        SimulatedHuman alice = human("alice", 0xA11CE, 440);
        VoiceParticipant agent = agent((pcm, t) -> { });
        assertThat(rooms.requireRoom(ROOM).participants().get(5, TimeUnit.SECONDS))
                .filteredOn(p -> p.identity().equals("agent-kit"))
                .singleElement().satisfies(p -> assertThat(p.agent()).isTrue());

        agent.output().speak("item_1", tone24k(660, 500));
        frames(30, agent);

        List<SentRtp> packets = alice.receivedFrom(agent.identity());
        assertThat(packets).hasSize(25);
        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i).sequenceNumber()).isEqualTo((packets.get(i - 1).sequenceNumber() + 1) & 0xFFFF);
            assertThat((packets.get(i).timestamp() - packets.get(i - 1).timestamp()) & 0xFFFF_FFFFL).isEqualTo(960);
            assertThat(packets.get(i).marker()).isFalse();
        }
        assertThat(packets.get(0).marker()).isTrue();
        assertThat(packets.subList(3, 25)).allSatisfy(p -> {
            assertThat(p.audioLevel()).isNotNegative();
            assertThat(AudioLevelExtension.level(p.audioLevel())).isBetween(12, 14);
        });
        short[] decoded = SentRtp.decode(packets);
        short[] steady = Arrays.copyOfRange(decoded, 960 * 3, decoded.length);
        assertThat(Tones.dominantHz(steady, 48_000)).isBetween(655.0, 665.0);
        assertThat(Tones.share(steady, 660, 48_000)).isGreaterThan(0.9);
        assertThat(agent.output().playedMillis("item_1")).isEqualTo(500);
    }

    @Test
    void bargeInStopsTheAgentWithinOneFrame() throws Exception {
        SimulatedHuman alice = human("alice", 0xA11CE, 440);
        VoiceParticipant agent = agent((pcm, t) -> { });
        agent.output().speak("item_1", tone24k(660, 2000));
        frames(7, agent);

        assertThat(agent.output().interrupt()).contains(new Truncation("item_1", 140));
        frames(5, agent);

        assertThat(alice.receivedFrom(agent.identity())).hasSize(7);
    }

    @Test
    void theRoomSeesTheAgentSpeak() throws Exception {
        human("alice", 0xA11CE, 440);
        VoiceParticipant agent = agent((pcm, t) -> { });
        List<String> dominant = new CopyOnWriteArrayList<>();
        rooms.addListener(ROOM, event -> {
            if (event instanceof RoomEvent.ActiveSpeakersChanged changed
                    && !changed.speakers().isEmpty()) {
                dominant.add(changed.speakers().get(0).participantIdentity());
            }
        }).get(5, TimeUnit.SECONDS);
        agent.output().speak("item_1", tone24k(660, 10_000));

        // The room's periodic task runs on real time (200 ms); wait for it rather than for the clock.
        for (int i = 0; i < 500 && dominant.isEmpty(); i++) {
            frames(1, agent);
            Thread.sleep(10);
        }

        assertThat(dominant).first().isEqualTo("agent-kit");
    }

    /**
     * The production pacing: the voice thread ticks on its own. Only what real-time scheduling cannot change is
     * asserted (the audio arrives and is continuous); interarrival jitter belongs to the end-to-end tests.
     */
    @Test
    void inRealTimeTheVoiceThreadPacesBothDirections() throws Exception {
        SimulatedHuman alice = human("alice", 0xA11CE, 440).talk();
        PcmCollector heard = new PcmCollector(10);
        VoiceParticipant agent = closeLater(VoiceParticipant.join(rooms, ROOM, "kit", "Kit",
                VoiceAudioConfig.DEFAULT, NanoClock.SYSTEM, heard, Pacing.REAL_TIME).get(5, TimeUnit.SECONDS));
        agent.output().speak("item_1", tone24k(660, 500));

        assertThat(heard.audible().get(10, TimeUnit.SECONDS)).hasSize(10)
                .allSatisfy(chunk -> assertThat(chunk).hasSize(960));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (alice.receivedFrom(agent.identity()).size() < 25 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<SentRtp> packets = alice.receivedFrom(agent.identity());
        assertThat(packets).hasSize(25);
        assertThat(packets.get(0).marker()).isTrue();
        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i).sequenceNumber()).isEqualTo((packets.get(i - 1).sequenceNumber() + 1) & 0xFFFF);
        }
        assertThatThrownBy(agent::tick).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void leavingReleasesTheParticipantAndItsTrack() throws Exception {
        SimulatedHuman alice = human("alice", 0xA11CE, 440);
        VoiceParticipant agent = agent((pcm, t) -> { });
        assertThat(agent.track().participantIdentity()).isEqualTo("agent-kit");
        assertThat(agent.track().ssrc()).isEqualTo(agent.output().ssrc());
        assertThat(agent.roomName()).isEqualTo(ROOM);

        agent.leave().get(5, TimeUnit.SECONDS);

        assertThat(rooms.requireRoom(ROOM).participants().get(5, TimeUnit.SECONDS))
                .extracting(ParticipantInfo::identity).containsExactly("alice");
        assertThat(rooms.requireRoom(ROOM).tracks().get(5, TimeUnit.SECONDS))
                .noneMatch(t -> t.participantIdentity().equals("agent-kit"));
        assertThatThrownBy(() -> agent.tick().get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalStateException.class);
        assertThat(alice.receivedFrom(agent.identity())).isEmpty();
    }

    @Test
    void theSameAgentCannotJoinTwiceAndTheFailedJoinLeavesNothing() throws Exception {
        agent((pcm, t) -> { });

        CompletableFuture<VoiceParticipant> second = VoiceParticipant.join(rooms, ROOM, "kit", "Kit",
                VoiceAudioConfig.DEFAULT, clock, (pcm, t) -> { }, Pacing.MANUAL);

        assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(RoomException.class,
                        e -> assertThat(e.error()).isEqualTo(RoomError.PARTICIPANT_EXISTS));
        assertThat(rooms.requireRoom(ROOM).participants().get(5, TimeUnit.SECONDS))
                .extracting(ParticipantInfo::identity).containsExactly("agent-kit");
    }

    @Test
    void joiningARoomThatDoesNotExistFails() {
        CompletableFuture<VoiceParticipant> join = VoiceParticipant.join(rooms, "nowhere", "kit", "Kit",
                VoiceAudioConfig.DEFAULT, clock, (pcm, t) -> { }, Pacing.MANUAL);

        assertThatThrownBy(() -> join.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(RoomException.class,
                        e -> assertThat(e.error()).isEqualTo(RoomError.ROOM_NOT_FOUND));
    }
}
