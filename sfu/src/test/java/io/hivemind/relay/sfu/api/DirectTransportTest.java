package io.hivemind.relay.sfu.api;

import io.hivemind.relay.media.rtp.RtpPacket;
import io.hivemind.relay.media.time.ManualClock;
import io.hivemind.relay.sfu.room.JoinOptions;
import io.hivemind.relay.sfu.room.RoomEvent;
import io.hivemind.relay.sfu.room.TrackInfo;
import io.hivemind.relay.sfu.room.TrackOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.hivemind.relay.sfu.api.RoomServiceTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Voice workers in process: RTP in through {@link DirectTransport}, out through its receiver callback. */
class DirectTransportTest {
    private EventLoopGroup group;
    private RoomService service;

    @BeforeEach
    void setUp() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        service = new RoomService(group, RoomServiceConfig.DEFAULT, new ManualClock(), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        service.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A worker's receiver: copies what it gets (the buffer is only borrowed) and completes on the first packet. */
    private static final class Worker implements DirectTransport.Receiver {
        final List<byte[]> packets = new CopyOnWriteArrayList<>();
        final CompletableFuture<byte[]> first = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();

        @Override
        public void onRtp(ByteBuf packet) {
            byte[] copy = ByteBufUtil.getBytes(packet);
            packets.add(copy);
            first.complete(copy);
        }

        @Override
        public void onClose() {
            closed.complete(null);
        }
    }

    private static ByteBuf rtp(int ssrc, int seq, String payload) {
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(0x80).writeByte(111).writeShort(seq).writeInt(seq * 960).writeInt(ssrc);
        buf.writeCharSequence(payload, StandardCharsets.US_ASCII);
        return buf;
    }

    private static String payloadOf(byte[] bytes) {
        RtpPacket view = new RtpPacket();
        assertThat(view.wrap(Unpooled.wrappedBuffer(bytes))).isTrue();
        return new String(bytes, view.payloadOffset(), view.payloadLength(), StandardCharsets.US_ASCII);
    }

    private static int ssrcOf(byte[] bytes) {
        RtpPacket view = new RtpPacket();
        view.wrap(Unpooled.wrappedBuffer(bytes));
        return view.ssrc();
    }

    @Test
    void twoWorkersHearEachOtherAndNeverThemselves() {
        service.createRoom("call");
        Map<String, Integer> consumerSsrcs = new ConcurrentHashMap<>();
        await(service.addListener("call", event -> {
            if (event instanceof RoomEvent.TrackSubscribed sub) {
                consumerSsrcs.put(sub.subscriberIdentity() + "<-" + sub.track().participantIdentity(),
                        sub.consumerSsrc());
            }
        }));
        Worker alice = new Worker();
        Worker bob = new Worker();
        DirectTransport aliceTransport = await(service.joinDirect("call", JoinOptions.of("alice").asAgent(), alice));
        DirectTransport bobTransport = await(service.joinDirect("call", JoinOptions.of("bob"), bob));
        TrackInfo aliceTrack = await(service.publish("call", "alice", new TrackOptions("a", 0xA11CE, 111, 0, false)));
        await(service.publish("call", "bob", new TrackOptions("b", 0xB0B, 111, 0, false)));
        assertThat(aliceTrack.participantIdentity()).isEqualTo("alice");

        aliceTransport.sendRtpToRoom(rtp(0xA11CE, 1, "from alice"));
        bobTransport.sendRtpToRoom(rtp(0xB0B, 1, "from bob"));

        byte[] atBob = await(bob.first);
        byte[] atAlice = await(alice.first);
        assertThat(payloadOf(atBob)).isEqualTo("from alice");
        assertThat(payloadOf(atAlice)).isEqualTo("from bob");
        assertThat(ssrcOf(atBob)).isEqualTo(consumerSsrcs.get("bob<-alice"));
        assertThat(ssrcOf(atAlice)).isEqualTo(consumerSsrcs.get("alice<-bob"));
        // Each got exactly the other's one packet: nothing of its own came back.
        await(service.requireRoom("call").run(() -> { }));
        assertThat(alice.packets).hasSize(1);
        assertThat(bob.packets).hasSize(1);

        await(service.leave("call", "alice"));
        await(alice.closed);
    }

    @Test
    void twoRoomsAreIsolated() {
        service.createRoom("red");
        service.createRoom("blue");
        Worker speaker = new Worker();
        Worker sameRoom = new Worker();
        Worker otherRoom = new Worker();
        DirectTransport speakerTransport = await(service.joinDirect("red", JoinOptions.of("speaker"), speaker));
        await(service.joinDirect("red", JoinOptions.of("listener"), sameRoom));
        await(service.joinDirect("blue", JoinOptions.of("listener"), otherRoom));
        await(service.joinDirect("blue", JoinOptions.of("speaker2"), new Worker()));
        await(service.publish("red", "speaker", new TrackOptions("a", 77, 111, 0, false)));
        // The same SSRC in another room is no conflict.
        await(service.publish("blue", "speaker2", new TrackOptions("a", 77, 111, 0, false)));

        for (int seq = 1; seq <= 5; seq++) {
            speakerTransport.sendRtpToRoom(rtp(77, seq, "red " + seq));
        }
        await(sameRoom.first);
        await(service.requireRoom("red").run(() -> { }));
        await(service.requireRoom("blue").run(() -> { }));
        assertThat(sameRoom.packets).hasSize(5);
        assertThat(otherRoom.packets).isEmpty();
    }
}
