package io.hivemind.relay.bench.jmh;

import io.hivemind.relay.media.srtp.SrtpContext;
import io.hivemind.relay.media.srtp.SrtpMasterKey;
import io.hivemind.relay.media.srtp.SrtpProfile;
import io.hivemind.relay.media.srtp.SrtpStatus;
import io.hivemind.relay.media.time.NanoClock;
import io.hivemind.relay.sfu.room.JoinOptions;
import io.hivemind.relay.sfu.room.Participant;
import io.hivemind.relay.sfu.room.ParticipantTransport;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.room.RoomConfig;
import io.hivemind.relay.sfu.room.TrackOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The real forwarding path of a room for one incoming Opus packet (RTP with an RFC 6464 extension, SRTP already
 * removed): {@code Room.onRtp} → producer statistics and audio level → {@code RoomRouter} fan-out to 1, 10 or 100
 * subscribers, each getting a pooled copy with SRTP tailroom (the last one the original), its own SSRC, sequence
 * number, timestamp and extension rewrite, and SRTP protection in place with its own {@link SrtpContext} in a sink
 * that then releases the packet instead of writing it to a socket.
 *
 * <p>The room lives on a real Netty event loop, as on a media loop: each invocation hands it one read batch of
 * {@value #BATCH} packets and waits for the batch to finish, so the hand-off is amortised as a socket read batch
 * would be, and Netty's buffer pools and object recyclers work as on their own threads (they do not for JMH's).
 * The score is per incoming packet; divide by {@code consumers} for the cost per forwarded packet.
 */
public class RoomRouterFanoutBenchmark extends Microbenchmark {

    private static final int PUBLISHER_SSRC = 0x1234_5678;
    private static final int OPUS_PAYLOAD_TYPE = 111;
    private static final int AUDIO_LEVEL_ID = 1;
    private static final int PAYLOAD_LENGTH = 140;
    private static final int TAILROOM = 32;
    static final int BATCH = 256;

    @Param({"1", "10", "100"})
    public int consumers;

    @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    public SrtpProfile profile;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private EventLoop loop;
    private Room room;
    private Participant publisher;
    private int sequence;

    /** A subscriber's transport: protects each packet as the WebRTC transport would, then drops it. */
    private final class ProtectingSink implements ParticipantTransport {
        private final SrtpContext srtp;

        ProtectingSink(int index) {
            byte[] key = new byte[profile.masterKeyLength()];
            byte[] salt = new byte[profile.masterSaltLength()];
            for (int k = 0; k < key.length; k++) {
                key[k] = (byte) (index * 31 + k);
            }
            for (int s = 0; s < salt.length; s++) {
                salt[s] = (byte) (index * 17 + s);
            }
            srtp = new SrtpContext(profile, new SrtpMasterKey(key, salt), 4);
        }

        @Override
        public ByteBufAllocator alloc() {
            return alloc;
        }

        @Override
        public int tailroom() {
            return TAILROOM;
        }

        @Override
        public void sendRtp(ByteBuf packet) {
            try {
                if (srtp.protectRtp(packet) != SrtpStatus.OK) {
                    throw new IllegalStateException("protect failed");
                }
            } finally {
                packet.release();
            }
        }

        @Override
        public void sendRtcp(ByteBuf packet) {
            packet.release();
        }

        @Override
        public boolean tick(long nowNanos) {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        loop = new DefaultEventLoop();
        RoomConfig config = RoomConfig.DEFAULT.withMaxParticipants(consumers + 1);
        room = new Room("bench", loop, config, NanoClock.SYSTEM, Clock.systemUTC(), () -> { });
        publisher = room.join(JoinOptions.of("publisher"), new ProtectingSink(0)).get();
        for (int i = 1; i <= consumers; i++) {
            room.join(JoinOptions.of("subscriber" + i), new ProtectingSink(i)).get();
        }
        room.publish("publisher", new TrackOptions("0", PUBLISHER_SSRC, OPUS_PAYLOAD_TYPE, AUDIO_LEVEL_ID, true))
                .get();
        forwardBatch();
        long forwarded = room.call(() -> room.counters().rtpOut()).get();
        if (forwarded != (long) consumers * BATCH) {
            throw new IllegalStateException("expected " + consumers * BATCH + " forwarded packets, room counted "
                    + forwarded);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        room.close().get();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void forwardBatch() throws InterruptedException, ExecutionException {
        loop.submit(() -> {
            for (int i = 0; i < BATCH; i++) {
                forwardOne();
            }
        }).get();
    }

    private void forwardOne() {
        int seq = sequence++ & 0xFFFF;
        // As the receive path hands it over: a pooled buffer holding the decrypted packet.
        ByteBuf packet = alloc.directBuffer(12 + 8 + PAYLOAD_LENGTH);
        packet.writeByte(0x90).writeByte(OPUS_PAYLOAD_TYPE).writeShort(seq).writeInt(seq * 960)
                .writeInt(PUBLISHER_SSRC);
        packet.writeShort(0xBEDE).writeShort(1).writeByte(AUDIO_LEVEL_ID << 4).writeByte(30).writeShort(0);
        packet.writeZero(PAYLOAD_LENGTH);
        room.onRtp(publisher, packet);
    }
}
