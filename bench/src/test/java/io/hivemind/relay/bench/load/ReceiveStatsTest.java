package io.hivemind.relay.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReceiveStatsTest {

    private static final long FRAME_NANOS = 20_000_000L;
    private static final int SSRC = 0x1234;

    /** Packets {@code from..to-1}, paced at 20 ms, each arriving {@code transitMicros} after it was sent. */
    private static void paced(ReceiveStats stats, int from, int to, long transitMicros) {
        for (int seq = from; seq < to; seq++) {
            long sent = 1_000_000_000L + seq * FRAME_NANOS;
            stats.onPacket(SSRC, seq, seq * 960, sent, sent + transitMicros * 1000);
        }
    }

    @Test
    void transitIsRecordedPerStampedPacket() {
        ReceiveStats stats = new ReceiveStats();
        paced(stats, 0, 100, 300);
        ReceiveStats.Snapshot snapshot = stats.snapshot();
        assertThat(snapshot.transitMicros().getTotalCount()).isEqualTo(100);
        assertThat(LatencySummary.of(snapshot.transitMicros()).p99()).isEqualTo(300);
        assertThat(snapshot.unstamped()).isZero();
    }

    @Test
    void aPerfectlyPacedStreamHasNoLossAndNoJitter() {
        ReceiveStats stats = new ReceiveStats();
        paced(stats, 0, 100, 300);
        ReceiveStats.Snapshot snapshot = stats.snapshot();
        assertThat(snapshot.expected()).isEqualTo(snapshot.received()).isPositive();
        assertThat(snapshot.jitterMillis()).containsExactly(0.0);
    }

    @Test
    void missingSequenceNumbersCountAsLost() {
        ReceiveStats stats = new ReceiveStats();
        paced(stats, 0, 20, 300);
        paced(stats, 25, 60, 300);
        ReceiveStats.Snapshot snapshot = stats.snapshot();
        assertThat(snapshot.expected() - snapshot.received()).isEqualTo(5);
    }

    @Test
    void alternatingTransitConvergesToRfc3550Jitter() {
        // Transit alternating 0 and 2 ms: every |D(i-1,i)| is 2 ms, so A.8's running estimate tends to 2 ms.
        ReceiveStats stats = new ReceiveStats();
        for (int seq = 0; seq < 500; seq++) {
            long sent = seq * FRAME_NANOS;
            stats.onPacket(SSRC, seq, seq * 960, sent, sent + (seq % 2 == 0 ? 0 : 2_000_000L));
        }
        assertThat(stats.snapshot().jitterMillis()).singleElement()
                .satisfies(jitter -> assertThat(jitter).isCloseTo(2.0, within(0.05)));
    }

    @Test
    void aNewWindowForgetsTransitAndCountsLossFromItsStart() {
        ReceiveStats stats = new ReceiveStats();
        paced(stats, 0, 20, 5_000);
        paced(stats, 30, 40, 5_000);
        stats.startWindow();
        paced(stats, 40, 60, 200);
        ReceiveStats.Snapshot snapshot = stats.snapshot();
        assertThat(snapshot.transitMicros().getTotalCount()).isEqualTo(20);
        assertThat(snapshot.transitMicros().getMaxValue()).isEqualTo(200);
        assertThat(snapshot.expected()).isEqualTo(20);
        assertThat(snapshot.received()).isEqualTo(20);
    }

    @Test
    void manyStreamsAreKeptApart() {
        // More SSRCs than the first table holds, including ones that collide in it.
        ReceiveStats stats = new ReceiveStats();
        for (int seq = 0; seq < 10; seq++) {
            for (int ssrc = 0; ssrc < 100; ssrc++) {
                stats.onPacket(ssrc * 16, seq, seq * 960, seq * FRAME_NANOS, seq * FRAME_NANOS + 100_000);
            }
        }
        ReceiveStats.Snapshot snapshot = stats.snapshot();
        assertThat(snapshot.jitterMillis()).hasSize(100);
        assertThat(snapshot.expected()).isEqualTo(snapshot.received()).isEqualTo(100 * 9);
    }

    @Test
    void unstampedPacketsCountButRecordNoTransit() {
        ReceiveStats stats = new ReceiveStats();
        stats.onPacket(SSRC, 1, 960, Long.MIN_VALUE, 5);
        assertThat(stats.snapshot().unstamped()).isEqualTo(1);
        assertThat(stats.snapshot().transitMicros().getTotalCount()).isZero();
    }

    @Test
    void absurdTransitIsClampedNotThrown() {
        ReceiveStats stats = new ReceiveStats();
        stats.onPacket(SSRC, 1, 960, 0, Long.MAX_VALUE);
        stats.onPacket(SSRC, 2, 1920, Long.MAX_VALUE, 0);
        assertThat(stats.snapshot().transitMicros().getMaxValue())
                .isGreaterThanOrEqualTo(ReceiveStats.MAX_TRANSIT_MICROS);
        assertThat(stats.snapshot().transitMicros().getTotalCount()).isEqualTo(2);
    }
}
