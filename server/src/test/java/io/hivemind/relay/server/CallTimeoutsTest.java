package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.hub.agent.EmbeddedAgentRuntime;
import io.hivemind.relay.hub.realtime.ApiSecret;
import io.hivemind.relay.hub.realtime.ClientSecretMinter;
import io.hivemind.relay.hub.realtime.RealtimeEndpoint;
import io.hivemind.relay.hub.realtime.ServerVad;
import io.hivemind.relay.hub.realtime.fake.FakeRealtimeServer;
import io.hivemind.relay.hub.realtime.fake.FakeScript;
import io.hivemind.relay.hub.voice.VoiceAudioConfig;
import io.hivemind.relay.hub.worker.VoiceWorkerSettings;
import io.hivemind.relay.hub.worker.VoiceWorkers;
import io.hivemind.relay.media.time.NanoClock;
import io.hivemind.relay.server.store.CallMode;
import io.hivemind.relay.server.store.CallRecord;
import io.hivemind.relay.server.store.CallRecordStore;
import io.hivemind.relay.server.store.ManualWallClock;
import io.hivemind.relay.server.store.RelayDatabase;
import io.hivemind.relay.sfu.api.DirectTransport;
import io.hivemind.relay.sfu.api.RoomService;
import io.hivemind.relay.sfu.api.RoomServiceConfig;
import io.hivemind.relay.sfu.room.JoinOptions;
import io.hivemind.relay.signaling.auth.ApiKeyStore;
import io.hivemind.relay.signaling.auth.TokenService;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A room call's timeouts on a manual wall clock: ring, idle and the caller leaving end it with their reason. */
class CallTimeoutsTest {

    private static final String KEY = "sk-test-timeouts-0123456789";

    @TempDir
    Path dir;

    private final ManualWallClock clock = new ManualWallClock(Instant.parse("2026-11-24T10:00:00Z"));
    private FakeRealtimeServer realtime;
    private EventLoopGroup loops;
    private RoomService rooms;
    private RelayDatabase database;
    private CallRecordStore records;
    private VoiceWorkers workers;
    private CallService calls;

    @BeforeEach
    void start() throws Exception {
        realtime = FakeRealtimeServer.start(KEY, FakeScript.defaults());
        loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        rooms = new RoomService(loops, RoomServiceConfig.DEFAULT, NanoClock.SYSTEM, Clock.systemUTC());
        Path agents = Files.writeString(dir.resolve("agents.yaml"), """
                agents:
                  - id: helper
                    directory: .
                    command: [cat]
                """);
        workers = new VoiceWorkers(rooms, Optional.of(EmbeddedAgentRuntime.fromFile(agents, "box")),
                Optional.of(new VoiceWorkerSettings(new RealtimeEndpoint(realtime.baseUrl(), "gpt-realtime"),
                        ApiSecret.of(KEY), "", ServerVad.DEFAULT, VoiceAudioConfig.DEFAULT, Duration.ofSeconds(10))),
                loops, NioSocketChannel.class);
        database = RelayDatabase.open(dir.resolve("data"));
        records = new CallRecordStore(database, clock);
        calls = new CallService(workers, rooms, new TokenService(ApiKeyStore.development(), clock, Duration.ZERO),
                ApiKeyStore.DEVELOPMENT_KEY, records, Optional.empty(), RealtimeConfig.DEFAULT, clock);
    }

    @AfterEach
    void stop() throws Exception {
        calls.close();
        workers.close();
        rooms.close();
        database.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        realtime.close();
    }

    static Stream<Arguments> endings() {
        return Stream.of(
                Arguments.of("nobody joins within the ring timeout", false, false,
                        CallService.RING_TIMEOUT.plusSeconds(1), "ring_timeout"),
                Arguments.of("the caller joins, then nothing happens", true, false,
                        CallService.IDLE_TIMEOUT.plusSeconds(1), "idle"),
                Arguments.of("the caller joins and leaves", true, true, Duration.ofSeconds(1), "caller_left"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endings")
    void aRoomCallEndsWithItsReason(String name, boolean join, boolean leave, Duration later, String reason)
            throws Exception {
        Map<String, Object> call = calls.start("ann", "helper", CallMode.ROOM).get(20, TimeUnit.SECONDS);
        String room = (String) call.get("room");
        CallService.Call state = calls.call((String) call.get("callId"), "ann");
        if (join) {
            rooms.joinDirect(room, JoinOptions.of("ann"), new DirectTransport.Receiver() {
                @Override
                public void onRtp(ByteBuf packet) {
                }
            }).get(10, TimeUnit.SECONDS);
            calls.checkTimeouts();
            assertThat(state.callerJoined).isTrue();
        }
        calls.checkTimeouts();
        assertThat(state.state).as("nothing ends before its time").isNotEqualTo(CallService.State.ENDED);
        if (leave) {
            rooms.leave(room, "ann").get(10, TimeUnit.SECONDS);
        }

        clock.advance(later);
        calls.checkTimeouts();

        assertThat(state.state).isEqualTo(CallService.State.ENDED);
        assertThat(state.endReason).isEqualTo(reason);
        CallRecord record = records.recent(1).get(10, TimeUnit.SECONDS).get(0);
        assertThat(record.endReason()).isEqualTo(reason);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (rooms.room(room).isPresent() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        assertThat(rooms.room(room)).as("the call's room is closed").isEmpty();
    }
}
