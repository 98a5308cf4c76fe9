package io.hivemind.relay.sfu.room;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hivemind.relay.media.rtcp.CompoundRtcpPacket;
import io.hivemind.relay.media.rtcp.GenericNack;
import io.hivemind.relay.media.rtcp.ReceiverReport;
import io.hivemind.relay.media.rtcp.SenderReport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes into a room's inbound path ({@link Room#onRtp} and {@link Room#onRtcp} from a publisher and from a
 * subscriber): never an exception, never a leak (the room always releases or hands off the buffer it was given).
 * The first input byte picks the path; bit 2 patches the media SSRC of a feedback packet to the subscriber's
 * consumer and bit 3 its first NACK packet id to the consumer's first sequence number, so retransmission is
 * reached although the room draws SSRCs and sequence numbers at random. Regression mode replays
 * src/test/resources/io/hivemind/relay/sfu/room/RoomInboundFuzzTestInputs/fuzz/; to fuzz:
 * {@code JAZZER_FUZZ=1 mvn -o -pl sfu test -Dtest=RoomInboundFuzzTest#fuzz}.
 */
class RoomInboundFuzzTest {
    static final int PUBLISHER_SSRC = 0x0102_0304;
    /** RTCP from the subscriber with its consumer's SSRC and first sequence number patched in. */
    private static final byte NACK_SELECTOR = 1 | 2 | 4 | 8;
    private static RoomFixture fixture;
    private static int consumerSsrc;
    private static int consumerFirstSeq;

    private static RoomFixture fixture() {
        if (fixture == null) {
            fixture = new RoomFixture();
            fixture.join("pub");
            RecordingTransport sub = fixture.join("sub");
            fixture.publish("pub", "0", PUBLISHER_SSRC);
            fixture.send(fixture.participant("pub"), PUBLISHER_SSRC, 1, 0, 30);
            consumerSsrc = ForwardedRtp.parse(sub.rtp.get(0)).ssrc();
            consumerFirstSeq = ForwardedRtp.parse(sub.rtp.get(0)).seq();
        }
        return fixture;
    }

    @AfterAll
    static void closeRoom() {
        if (fixture != null) {
            fixture.close();
            fixture = null;
        }
    }

    @FuzzTest
    void fuzz(byte[] data) {
        if (data.length == 0) {
            return;
        }
        RoomFixture f = fixture();
        int selector = data[0];
        byte[] packet = Arrays.copyOfRange(data, 1, data.length);
        if ((selector & 4) != 0 && packet.length >= 12) {
            packet[8] = (byte) (consumerSsrc >>> 24);
            packet[9] = (byte) (consumerSsrc >>> 16);
            packet[10] = (byte) (consumerSsrc >>> 8);
            packet[11] = (byte) consumerSsrc;
        }
        if ((selector & 8) != 0 && packet.length >= 14) {
            packet[12] = (byte) (consumerFirstSeq >>> 8);
            packet[13] = (byte) consumerFirstSeq;
        }
        Participant sender = f.participant((selector & 2) == 0 ? "pub" : "sub");
        ByteBuf buf = Unpooled.buffer(packet.length + 32).writeBytes(packet);
        if ((selector & 1) == 0) {
            f.room.onRtp(sender, buf);
        } else {
            f.room.onRtcp(sender, buf);
        }
        f.sync();
        assertThat(buf.refCnt()).isZero();
    }

    /** Valid inputs from our writers, then truncations and fixed-seed bit flips of each. */
    @Test
    void generatedSeedsAndTheirMutations() {
        Random random = new Random(6464);
        RoomCounters counters = RoomFixture.await(fixture().room.call(() -> fixture().room.counters()));
        for (byte[] seed : seeds()) {
            fuzz(seed);
            if (seed[0] == NACK_SELECTOR) {
                assertThat(RoomFixture.await(fixture().room.call(counters::retransmitted))).isOne();
            }
            for (int cut = 0; cut < seed.length; cut++) {
                fuzz(Arrays.copyOf(seed, cut));
            }
            for (int flip = 0; flip < 100; flip++) {
                byte[] mutated = seed.clone();
                int bit = 8 + random.nextInt((seed.length - 1) * 8);
                mutated[bit / 8] ^= (byte) (1 << (bit % 8));
                fuzz(mutated);
            }
        }
        assertThat(RoomFixture.await(fixture().room.call(() -> counters.drops(RoomDropReason.MALFORMED_RTCP))))
                .isPositive();
        assertThat(RoomFixture.await(fixture().room.call(() -> counters.drops(RoomDropReason.MALFORMED_RTP))))
                .isPositive();
    }

    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(withSelector(NACK_SELECTOR, encode(GenericNack.ofLostSequences(1, 0, 0))));
        seeds.add(withSelector(0, RoomFixture.rtp(PUBLISHER_SSRC, 2, 960, 20, 111)));
        seeds.add(withSelector(1, encode(new SenderReport(PUBLISHER_SSRC, 1L << 40, 960, 1, 40, List.of()))));
        seeds.add(withSelector(3, encode(new ReceiverReport(9, List.of()))));
        return seeds;
    }

    /** The seed with the current consumer's feedback SSRC patched in by the selector, not by the seed itself. */
    private static byte[] withSelector(int selector, ByteBuf packet) {
        byte[] bytes = new byte[1 + packet.readableBytes()];
        bytes[0] = (byte) selector;
        packet.readBytes(bytes, 1, packet.readableBytes());
        packet.release();
        return bytes;
    }

    private static ByteBuf encode(io.hivemind.relay.media.rtcp.RtcpPacket packet) {
        CompoundRtcpPacket compound = CompoundRtcpPacket.of(packet);
        ByteBuf buf = Unpooled.buffer(compound.encodedLength());
        compound.encodeTo(buf);
        return buf;
    }
}
