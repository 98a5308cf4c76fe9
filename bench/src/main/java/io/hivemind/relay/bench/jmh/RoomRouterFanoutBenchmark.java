package io.hivemind.relay.bench.jmh;

import io.hivemind.relay.media.rtp.RtpPacket;
import io.hivemind.relay.media.srtp.SrtpContext;
import io.hivemind.relay.media.srtp.SrtpMasterKey;
import io.hivemind.relay.media.srtp.SrtpProfile;
import io.hivemind.relay.media.srtp.SrtpStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The SFU's per-consumer forwarding work for one incoming Opus packet (160 bytes with the RFC 6464 extension)
 * fanned out to 1, 10 and 100 subscribers, as {@code io.hivemind.relay.sfu.room.RoomRouter} does it: every
 * consumer but the last gets a copy from a pooled direct allocator with SRTP tailroom, the last one the original;
 * each is rewritten in place (SSRC, sequence number, timestamp, payload type) through media-core's
 * {@link RtpPacket}, SRTP-protected in place with that subscriber's own {@link SrtpContext}, and released by a
 * no-op sink. Scores are per forwarded packet ({@link OperationsPerInvocation}); run with {@code -prof gc} for
 * B/op, which should stay near 0 with the pooled allocator.
 *
 * <p>The bench module depends on media-core only, so this drives the same media-core calls as the router rather
 * than the router itself; the room's bookkeeping around them (a few field updates per consumer) is not included.
 * Netty keeps pooled-allocator thread caches only on its own event-loop threads unless told otherwise; the fork
 * turns them on for JMH's thread so the allocator behaves as it does on a media loop.
 */
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.allocator.useCacheForAllThreads=true")
public class RoomRouterFanoutBenchmark extends Microbenchmark {

    private static final int MAX_CONSUMERS = 100;
    private static final int PACKET_LENGTH = 160;
    private static final int HEADER_LENGTH = 20;
    private static final int TAILROOM = 32;

    @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    public SrtpProfile profile;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final RtpPacket view = new RtpPacket();
    private final SrtpContext[] contexts = new SrtpContext[MAX_CONSUMERS];
    private final int[] consumerSsrcs = new int[MAX_CONSUMERS];
    private final int[] seqOffsets = new int[MAX_CONSUMERS];
    private final int[] tsOffsets = new int[MAX_CONSUMERS];
    private byte[] datagram;
    private ByteBuf original;
    private int sequence;

    @Setup(Level.Trial)
    public void setUp() {
        for (int i = 0; i < MAX_CONSUMERS; i++) {
            byte[] key = new byte[profile.masterKeyLength()];
            byte[] salt = new byte[profile.masterSaltLength()];
            for (int k = 0; k < key.length; k++) {
                key[k] = (byte) (i * 31 + k);
            }
            for (int s = 0; s < salt.length; s++) {
                salt[s] = (byte) (i * 17 + s);
            }
            contexts[i] = new SrtpContext(profile, new SrtpMasterKey(key, salt), 4);
            consumerSsrcs[i] = 0x5000_0000 + i;
            seqOffsets[i] = i * 1_000;
            tsOffsets[i] = i * 100_000;
        }
        datagram = new byte[PACKET_LENGTH];
        datagram[0] = (byte) 0x90;
        datagram[1] = 111;
        datagram[8] = 0x12;
        datagram[12] = (byte) 0xBE;
        datagram[13] = (byte) 0xDE;
        datagram[15] = 1;
        datagram[16] = 0x10;
        datagram[17] = 30;
        for (int i = HEADER_LENGTH; i < PACKET_LENGTH; i++) {
            datagram[i] = (byte) i;
        }
        original = alloc.directBuffer(PACKET_LENGTH + TAILROOM);
        if (fanOut(1) != SrtpStatus.OK) {
            throw new IllegalStateException("protect failed");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        original.release();
    }

    @Benchmark
    @OperationsPerInvocation(1)
    public SrtpStatus fanOutTo1() {
        return fanOut(1);
    }

    @Benchmark
    @OperationsPerInvocation(10)
    public SrtpStatus fanOutTo10() {
        return fanOut(10);
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public SrtpStatus fanOutTo100() {
        return fanOut(100);
    }

    private SrtpStatus fanOut(int consumers) {
        // The datagram as the receive path leaves it: read into the original, SRTP already removed.
        int seq = sequence++ & 0xFFFF;
        original.clear().writeBytes(datagram);
        original.setShort(2, seq);
        original.setInt(4, seq * 960);
        SrtpStatus status = SrtpStatus.OK;
        for (int i = 0; i < consumers; i++) {
            ByteBuf out = i == consumers - 1 ? original.retain() : copy(original);
            view.wrap(out);
            view.setSequenceNumber(view.sequenceNumber() + seqOffsets[i] & 0xFFFF);
            view.setTimestamp(view.timestamp() + tsOffsets[i]);
            view.setSsrc(consumerSsrcs[i]);
            view.setPayloadType(111);
            status = contexts[i].protectRtp(out);
            out.release();
        }
        return status;
    }

    private ByteBuf copy(ByteBuf packet) {
        int length = packet.readableBytes();
        ByteBuf out = alloc.directBuffer(length + TAILROOM);
        out.writeBytes(packet, packet.readerIndex(), length);
        return out;
    }
}
