package io.hivemind.relay.media.rtcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes as the FCI of a transport-cc feedback (the fuzzer's input lands straight in the chunk parser).
 * Regression mode replays src/test/resources/io/hivemind/relay/media/rtcp/TransportCcFeedbackViewFuzzTestInputs/fuzz/.
 * To fuzz: {@code JAZZER_FUZZ=1 mvn -o -pl media-core test -Dtest=TransportCcFeedbackViewFuzzTest#fuzz}.
 */
class TransportCcFeedbackViewFuzzTest {
    private final RtcpHeader header = new RtcpHeader();
    private final TransportCcFeedbackView view = new TransportCcFeedbackView();

    /** The longest FCI a 16-bit length field allows. */
    private static final int MAX_FCI = RtcpHeader.MAX_LENGTH - FeedbackMessageView.FCI_OFFSET;

    @FuzzTest
    void fuzz(byte[] fci) {
        int copied = Math.min(fci.length, MAX_FCI);
        int length = FeedbackMessageView.FCI_OFFSET + ((copied + 3) & ~3);
        ByteBuf buf = Unpooled.buffer(length);
        try {
            RtcpHeader.write(buf, FeedbackMessageView.FMT_TRANSPORT_CC, RtcpHeader.PT_RTPFB, length);
            buf.writeLong(0x0000_0001_0000_0002L);
            buf.writeBytes(fci, 0, copied);
            buf.writeZero(length - buf.writerIndex());
            assertThat(header.wrap(buf, 0, length)).isEqualTo(RtcpDropReason.NONE);
            RtcpDropReason reason = view.wrap(header);
            assertThat(reason).isIn(RtcpDropReason.NONE, RtcpDropReason.MALFORMED);
            if (reason == RtcpDropReason.NONE) {
                checkVisit(view);
            }
        } finally {
            buf.release();
        }
    }

    /**
     * Visits every packet and checks count, sequence order, statuses, delta ranges and delta bytes used. Plain
     * comparisons per packet (a feedback may report 65535 packets); the assertions run once at the end.
     */
    static void checkVisit(TransportCcFeedbackView view) {
        long[] state = {0, view.baseSequenceNumber(), 0, 0};
        view.forEachPacket((seq, status, delta) -> {
            boolean ok = seq == state[1] && switch (status) {
                case TransportCcVisitor.RECEIVED_SMALL_DELTA -> delta >= 0 && delta <= 255 * 250L;
                case TransportCcVisitor.RECEIVED_LARGE_DELTA -> delta >= -32_768 * 250L && delta <= 32_767 * 250L;
                case TransportCcVisitor.NOT_RECEIVED, TransportCcVisitor.RECEIVED_WITHOUT_DELTA -> delta == 0;
                default -> false;
            };
            state[3] += ok ? 0 : 1;
            state[2] += status == TransportCcVisitor.RECEIVED_SMALL_DELTA ? 1
                    : status == TransportCcVisitor.RECEIVED_LARGE_DELTA ? 2 : 0;
            state[1] = (seq + 1) & 0xFFFF;
            state[0]++;
        });
        assertThat(state[3]).as("packets out of order or out of range").isZero();
        assertThat(state[0]).isEqualTo(view.packetStatusCount());
        assertThat(state[2]).isEqualTo(view.deltaLength());
        assertThat(view.deltaLength()).isLessThanOrEqualTo(view.fciLength());
    }

    @Test
    void generatedSeedsAndTheirMutations() {
        byte[][] seeds = {
            fciOf(RtcpFixtures.transportCc(1, 2, 65530, 30, -5, 7, new int[] {0x2004, 0xCD50, 0x9F1C, 0x4002,
                    0x0003}, RtcpFixtures.hex("01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F FF 10 00 20"))),
            fciOf(RtcpFixtures.transportCc(1, 2, 0, 221, 1, 0, new int[] {0x00DD}, new byte[0])),
            fciOf(RtcpFixtures.transportCc(1, 2, 9, 3, 0, 0, new int[] {0x4003}, RtcpFixtures.hex("FF 38 7F FF 80 00")))
        };
        Random random = new Random(2015);
        for (byte[] seed : seeds) {
            fuzz(seed);
            for (int cut = 0; cut < seed.length; cut++) {
                fuzz(Arrays.copyOf(seed, cut));
            }
            for (int flip = 0; flip < 500; flip++) {
                byte[] mutated = seed.clone();
                int bit = random.nextInt(seed.length * 8);
                mutated[bit / 8] ^= (byte) (1 << (bit % 8));
                fuzz(mutated);
            }
            for (int value : new int[] {0x0000, 0xFFFF, 0x0001}) {
                byte[] mutated = seed.clone();
                mutated[2] = (byte) (value >>> 8);
                mutated[3] = (byte) value;
                fuzz(mutated);
            }
        }
    }

    private static byte[] fciOf(byte[] packet) {
        return Arrays.copyOfRange(packet, FeedbackMessageView.FCI_OFFSET, packet.length);
    }
}
