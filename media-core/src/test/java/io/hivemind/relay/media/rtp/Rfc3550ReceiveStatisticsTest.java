package io.hivemind.relay.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 3550 Appendix A.1 (validation, probation), A.3 (loss) and A.8 (jitter), with the expected numbers worked out
 * by hand from the RFC's algorithms. Packets are 20 ms of 8 kHz audio: timestamp step 160, arrival step 20 ms.
 */
class Rfc3550ReceiveStatisticsTest {
    private static final int CLOCK_RATE = 8000;
    private static final int TIMESTAMP_STEP = 160;
    private static final long PACKET_NANOS = 20_000_000L;

    private final ReceptionStatistics stats = new ReceptionStatistics(CLOCK_RATE);

    /** Feeds sequence numbers with timestamps and arrivals that keep the transit time constant. */
    private boolean[] feed(int... sequence) {
        boolean[] accepted = new boolean[sequence.length];
        for (int i = 0; i < sequence.length; i++) {
            accepted[i] = stats.onPacket(sequence[i], sequence[i] * TIMESTAMP_STEP, sequence[i] * PACKET_NANOS);
        }
        return accepted;
    }

    static Stream<Arguments> sequences() {
        return Stream.of(
                // 100 starts probation; 101 ends it and re-initialises at 101, so 100 is not counted.
                arguments("probation of two", new int[] {100, 101}, new boolean[] {false, true}, 101, 1, 1, 0),
                arguments("in order", new int[] {100, 101, 102, 103}, new boolean[] {false, true, true, true},
                        103, 3, 3, 0),
                // Base 1, highest 10: 10 expected; 1, 2, 3, 5, 6, 9, 10 received.
                arguments("loss of 4, 7 and 8", new int[] {0, 1, 2, 3, 5, 6, 9, 10},
                        new boolean[] {false, true, true, true, true, true, true, true}, 10, 10, 7, 3),
                // Duplicates count as received (A.1), so the loss goes negative: 3 expected, 5 received.
                arguments("duplicates", new int[] {0, 1, 2, 2, 3, 3},
                        new boolean[] {false, true, true, true, true, true}, 3, 3, 5, -2),
                // 3 after 4 is 65535 behind modulo 2^16, above 65536 - MAX_MISORDER: reordered, counted.
                arguments("reordered", new int[] {0, 1, 2, 4, 3, 5},
                        new boolean[] {false, true, true, true, true, true}, 5, 5, 5, 0),
                // Base 65535; 0 and 1 wrap: cycles = 65536, highest 65536 + 1.
                arguments("wrap", new int[] {65534, 65535, 0, 1}, new boolean[] {false, true, true, true},
                        65537, 3, 3, 0),
                // The successor of 65535 is 0 (A.1's C compares the u_int16 with max_seq + 1 as an int).
                arguments("probation across the wrap", new int[] {65535, 0, 1}, new boolean[] {false, true, true},
                        1, 2, 2, 0),
                // 102 is not 101: probation restarts at 102, and 103 completes it.
                arguments("probation restarts on a gap", new int[] {100, 102, 103, 104},
                        new boolean[] {false, false, true, true}, 104, 2, 2, 0),
                // 10000 is 9997 ahead (>= MAX_DROPOUT): dropped; 10001 follows it, so the source restarted.
                arguments("restart after a big jump", new int[] {0, 1, 2, 3, 10000, 10001, 10002},
                        new boolean[] {false, true, true, true, false, true, true}, 10002, 2, 2, 0),
                // A lone wild packet is dropped and the stream goes on as before.
                arguments("lone jump ignored", new int[] {0, 1, 2, 3, 40000, 4},
                        new boolean[] {false, true, true, true, false, true}, 4, 4, 4, 0),
                // 2999 ahead is still in order (udelta < 3000): 2998 lost.
                arguments("largest permissible gap", new int[] {0, 1, 3000},
                        new boolean[] {false, true, true}, 3000, 3000, 2, 2998),
                // 150 behind is more than MAX_MISORDER: taken as a jump, not counted.
                arguments("too late to be reordering", new int[] {0, 1, 2, 200, 50},
                        new boolean[] {false, true, true, true, false}, 200, 200, 3, 197));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void validatesAndCounts(String name, int[] sequence, boolean[] accepted, long highest, long expected,
            long received, int lost) {
        assertThat(feed(sequence)).containsExactly(accepted);
        assertThat(stats.isValid()).isTrue();
        assertThat(stats.extendedHighestSequenceNumber()).isEqualTo(highest);
        assertThat(stats.expected()).isEqualTo(expected);
        assertThat(stats.received()).isEqualTo(received);
        assertThat(stats.cumulativeLost()).isEqualTo(lost);
    }

    @Test
    void aFirstPacketAloneIsOnProbation() {
        assertThat(feed(7)).containsExactly(false);
        assertThat(stats.isValid()).isFalse();
        assertThat(stats.received()).isZero();
    }

    @Test
    void fractionLostCoversTheIntervalSinceTheLastReport() {
        feed(0, 1, 2, 3, 5, 6, 9, 10);
        // 10 expected, 7 received: 3 lost; (3 << 8) / 10 = 76.
        assertThat(stats.fractionLostSinceLastReport()).isEqualTo(76);
        feed(11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        // 10 more expected, 10 more received.
        assertThat(stats.fractionLostSinceLastReport()).isZero();
        assertThat(stats.cumulativeLost()).isEqualTo(3);
        feed(22, 24);
        // Expected 20 -> 24 (4), received 17 -> 19 (2): (2 << 8) / 4 = 128, half.
        assertThat(stats.fractionLostSinceLastReport()).isEqualTo(128);
        // Nothing new: expected interval 0.
        assertThat(stats.fractionLostSinceLastReport()).isZero();
        assertThat(stats.cumulativeLost()).isEqualTo(5);
    }

    @Test
    void fractionLostIsZeroWhenDuplicatesOutnumberLosses() {
        feed(0, 1, 2, 2, 3, 3);
        assertThat(stats.fractionLostSinceLastReport()).isZero();
    }

    @Test
    void cumulativeLossClampsAtThe24BitMaximum() {
        feed(0, 1);
        // Each step of 2999 is an in-order gap losing 2998 packets.
        int seq = 1;
        for (int n = 1; n <= 3000; n++) {
            seq = SequenceNumbers.add(seq, 2999);
            assertThat(stats.onPacket(seq, 0, 0)).isTrue();
            if (n == 2000) {
                assertThat(stats.cumulativeLost()).isEqualTo(2000 * 2998);
            }
        }
        assertThat(stats.expected() - stats.received()).isEqualTo(3000L * 2998);
        assertThat(stats.cumulativeLost()).isEqualTo(0x7FFFFF);
    }

    @Test
    void cumulativeLossClampsAtThe24BitMinimum() {
        feed(0, 1);
        for (int n = 0; n < 0x800000 + 5; n++) {
            stats.onPacket(1, 0, 0);
        }
        assertThat(stats.expected() - stats.received()).isEqualTo(-0x800005L);
        assertThat(stats.cumulativeLost()).isEqualTo(-0x800000);
    }

    @Test
    void jitterStaysZeroWithConstantTransit() {
        long start = -5_000_000_000L;
        int timestamp = 0xFFFFFE00;
        for (int i = 0; i < 50; i++) {
            stats.onPacket(i, timestamp + i * TIMESTAMP_STEP, start + i * PACKET_NANOS);
        }
        assertThat(stats.jitter()).isZero();
    }

    @Test
    void jitterApproachesTheAlternatingDelayInIntegerForm() {
        // Arrivals alternate 10 ms (80 units) late and early: |D| = 160 for every pair after the first packet.
        long[] jitter = new long[400];
        for (int i = 0; i < jitter.length; i++) {
            long offset = i % 2 == 0 ? 10_000_000L : -10_000_000L;
            stats.onPacket(i, i * TIMESTAMP_STEP, 1_000_000_000L + i * PACKET_NANOS + offset);
            jitter[i] = stats.jitter();
        }
        // Probation: packet 0 is not counted and packet 1 only sets the transit. Then 16J += 160 - (16J + 8) >> 4:
        // 16J = 160, 310, 451 -> J = 10, 19, 28.
        assertThat(Arrays.copyOfRange(jitter, 0, 5)).containsExactly(0, 0, 10, 19, 28);
        // 16J stops growing once (16J + 8) >> 4 reaches 160, at 16 * 160 - 8 = 2552: J = 2552 >> 4 = 159, one
        // below the real-valued limit of 160 because A.8's integer form truncates.
        assertThat(jitter[jitter.length - 1]).isEqualTo(159);
        assertThat(jitter[jitter.length - 2]).isEqualTo(159);
    }

    @Test
    void jitterFollowsOneLatePacket() {
        feed(0, 1, 2);
        // Packet 3 arrives 5 ms (40 units) late, packet 4 on time: |D| = 40 then 40.
        stats.onPacket(3, 3 * TIMESTAMP_STEP, 3 * PACKET_NANOS + 5_000_000L);
        // 16J = 0 + 40 - (8 >> 4) = 40 -> J = 2.
        assertThat(stats.jitter()).isEqualTo(2);
        stats.onPacket(4, 4 * TIMESTAMP_STEP, 4 * PACKET_NANOS);
        // 16J = 40 + 40 - (48 >> 4) = 77 -> J = 4.
        assertThat(stats.jitter()).isEqualTo(4);
    }
}
