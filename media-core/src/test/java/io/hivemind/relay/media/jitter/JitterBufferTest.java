package io.hivemind.relay.media.jitter;

import static io.hivemind.relay.media.jitter.PlayoutDecision.ACCELERATE;
import static io.hivemind.relay.media.jitter.PlayoutDecision.CONCEAL;
import static io.hivemind.relay.media.jitter.PlayoutDecision.FEC;
import static io.hivemind.relay.media.jitter.PlayoutDecision.NOT_STARTED;
import static io.hivemind.relay.media.jitter.PlayoutDecision.PLAY;
import static io.hivemind.relay.media.jitter.PlayoutDecision.SILENCE;
import static io.hivemind.relay.media.jitter.PlayoutDecision.STRETCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** Decision-level behaviour on hand-built streams of 20 ms packets, time in explicit nanoseconds. */
class JitterBufferTest {
    private static final int FRAME = 960;
    private static final long MS = 1_000_000L;
    private static final long POLL_PHASE = 5 * MS;

    private final JitterBuffer buffer = new JitterBuffer(JitterBufferConfig.opus());
    private final Playout out = new Playout();

    /** One poll's decision as the test sees it. */
    record Step(long pollIndex, PlayoutDecision decision, int sequenceNumber, long timestamp, int samples,
                int skipped) {
    }

    /**
     * Plays packet k (sequence {@code firstSeq + k}, timestamp {@code firstTs + 960 k}) arriving at
     * {@code arrival(k)} unless {@code lost(k)}, polling every 20 ms; returns every decision.
     */
    private List<Step> run(int polls, int firstSeq, long firstTs, LongPredicate lost, LongUnaryOperator arrival) {
        return run(polls, firstSeq, k -> firstTs + FRAME * k, lost, arrival);
    }

    private List<Step> run(int polls, int firstSeq, LongUnaryOperator timestamp, LongPredicate lost,
                           LongUnaryOperator arrival) {
        List<Step> steps = new ArrayList<>();
        long k = 0;
        byte[] payload = new byte[80];
        for (int p = 0; p < polls; p++) {
            long now = POLL_PHASE + p * 20 * MS;
            while (arrival.applyAsLong(k) <= now) {
                if (!lost.test(k)) {
                    payload[0] = (byte) k;
                    buffer.insert(firstSeq + (int) k, timestamp.applyAsLong(k), FRAME, payload, arrival.applyAsLong(k));
                }
                k++;
            }
            buffer.poll(now, out);
            steps.add(new Step(p, out.decision(), out.sequenceNumber(), out.timestamp(), out.samples(),
                    out.skippedSamples()));
        }
        return steps;
    }

    private static long onTime(long k) {
        return k * 20 * MS;
    }

    private static Step at(List<Step> steps, long timestamp) {
        return steps.stream().filter(s -> s.timestamp() == (timestamp & 0xFFFF_FFFFL)
                        && s.decision() != STRETCH).findFirst()
                .orElseThrow(() -> new AssertionError("no decision for timestamp " + timestamp + ": " + steps));
    }

    @Test
    void waitsForTheStartDelayThenPlaysInOrder() {
        List<Step> steps = run(200, 100, 0, k -> false, JitterBufferTest::onTime);
        assertThat(steps.subList(0, 4)).extracting(Step::decision).containsOnly(NOT_STARTED);
        assertThat(steps.get(0).timestamp()).isEqualTo(-1);
        // The first packet arrives at 0 and the target starts at 80 ms: playout begins with the poll at 85 ms.
        assertThat(steps.get(4)).isEqualTo(new Step(4, PLAY, 100, 0, FRAME, 0));
        assertThat(steps.get(5)).isEqualTo(new Step(5, PLAY, 101, FRAME, FRAME, 0));
        JitterBufferStats stats = buffer.stats();
        assertThat(stats.targetDelayMs()).isEqualTo(20);
        assertThat(stats.currentDelayMs()).isBetween(20.0, 45.0);
        assertThat(stats.concealed() + stats.late() + stats.stretched()).isZero();
        assertThat(stats.accelerated()).as("80 ms start delay brought down to 20 ms").isEqualTo(3);
        assertThat(stats.played()).isEqualTo(stats.received() - stats.bufferedPackets() - stats.discarded());
    }

    @Test
    void recoversASingleLossFromTheNextPacketsFec() {
        List<Step> steps = run(300, 0, 0, k -> k == 200, JitterBufferTest::onTime);
        Step recovered = at(steps, 200L * FRAME);
        assertThat(recovered.decision()).isEqualTo(FEC);
        assertThat(recovered.sequenceNumber()).as("decoded from the next packet").isEqualTo(201);
        assertThat(recovered.samples()).isEqualTo(FRAME);
        assertThat(steps.get((int) recovered.pollIndex() + 1))
                .isEqualTo(new Step(recovered.pollIndex() + 1, PLAY, 201, 201L * FRAME, FRAME, 0));
        assertThat(buffer.stats().fecRecovered()).isEqualTo(1);
        assertThat(buffer.stats().concealed()).isZero();
    }

    @Test
    void concealsWhatNothingCanRecover() {
        List<Step> steps = run(300, 0, 0, k -> k == 200 || k == 201, JitterBufferTest::onTime);
        Step first = at(steps, 200L * FRAME);
        assertThat(first.decision()).isEqualTo(CONCEAL);
        assertThat(first.sequenceNumber()).isEqualTo(-1);
        assertThat(steps.get((int) first.pollIndex() + 1))
                .isEqualTo(new Step(first.pollIndex() + 1, FEC, 202, 201L * FRAME, FRAME, 0));
        assertThat(steps.get((int) first.pollIndex() + 2).decision()).isEqualTo(PLAY);
        assertThat(buffer.stats().concealed()).isEqualTo(1);
    }

    @Test
    void playsAcrossSequenceAndTimestampWrap() {
        long firstTs = 0x1_0000_0000L - 150L * FRAME;
        List<Step> steps = run(300, 65_400, firstTs, k -> false, JitterBufferTest::onTime);
        List<Step> played = steps.stream().filter(s -> s.decision() == PLAY || s.decision() == ACCELERATE).toList();
        for (int i = 1; i < played.size(); i++) {
            int advance = 1 + played.get(i).skipped() / FRAME;
            assertThat(played.get(i).sequenceNumber())
                    .isEqualTo((played.get(i - 1).sequenceNumber() + advance) & 0xFFFF);
            assertThat(played.get(i).timestamp())
                    .isEqualTo((played.get(i - 1).timestamp() + (long) advance * FRAME) & 0xFFFF_FFFFL);
        }
        assertThat(played).extracting(Step::sequenceNumber).contains(65_535, 0);
        assertThat(played).extracting(Step::timestamp).contains(0x1_0000_0000L - FRAME, 0L);
        assertThat(buffer.stats().concealed() + buffer.stats().late() + buffer.stats().resyncs()).isZero();
    }

    @Test
    void countsDuplicatesBeforeAndAfterPlayout() {
        byte[] payload = {1, 2, 3};
        assertThat(buffer.insert(10, 0, FRAME, payload, 0)).isEqualTo(InsertResult.QUEUED);
        assertThat(buffer.insert(10, 0, FRAME, payload, MS)).isEqualTo(InsertResult.DUPLICATE);
        buffer.poll(100 * MS, out);
        assertThat(out.decision()).isEqualTo(PLAY);
        assertThat(buffer.insert(10, 0, FRAME, payload, 101 * MS)).isEqualTo(InsertResult.DUPLICATE);
        assertThat(buffer.stats().duplicate()).isEqualTo(2);
        assertThat(buffer.stats().late()).isZero();
    }

    @Test
    void dropsAPacketWhosePlayoutTimeHasPassed() {
        List<Step> steps = run(100, 0, 0, k -> k == 50, JitterBufferTest::onTime);
        Step missing = at(steps, 50L * FRAME);
        assertThat(missing.decision()).isEqualTo(FEC);
        long now = POLL_PHASE + 100 * 20 * MS;
        assertThat(buffer.insert(50, 50L * FRAME, FRAME, new byte[10], now)).isEqualTo(InsertResult.LATE);
        assertThat(buffer.stats().late()).isEqualTo(1);
        assertThat(buffer.stats().latePercent()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void dropsOversizePayloads() {
        assertThat(buffer.insert(1, 0, FRAME, new byte[1501], 0)).isEqualTo(InsertResult.OVERSIZE);
        assertThat(buffer.insert(1, 0, FRAME, new byte[1500], 0)).isEqualTo(InsertResult.QUEUED);
        assertThat(buffer.insert(2, FRAME, FRAME, new byte[4], 0, -1, 0)).isEqualTo(InsertResult.OVERSIZE);
        assertThat(buffer.stats().oversize()).isEqualTo(2);
        assertThatThrownBy(() -> buffer.insert(3, 2 * FRAME, FRAME, new byte[4], 2, 3, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void overflowDropsTheOldestPacketsAndAStalledPlayoutCatchesUp() {
        byte[] payload = new byte[20];
        for (int k = 0; k < 70; k++) {
            assertThat(buffer.insert(k, (long) k * FRAME, FRAME, payload, onTime(k))).isEqualTo(InsertResult.QUEUED);
        }
        JitterBufferStats stats = buffer.stats();
        assertThat(stats.overflow()).as("64 slots for 70 packets").isEqualTo(6);
        assertThat(stats.bufferedPackets()).isEqualTo(64);
        // The playout clock wakes up 1.3 s late: it jumps to the target delay instead of replaying the backlog.
        buffer.poll(onTime(69), out);
        assertThat(out.decision()).isEqualTo(PLAY);
        assertThat(out.sequenceNumber()).as("the packet 20 ms (the target) old").isEqualTo(68);
        assertThat(buffer.stats().discarded()).isEqualTo(62);
        assertThat(buffer.stats().resyncs()).isEqualTo(1);
    }

    @Test
    void resynchronisesToARestartedStream() {
        run(150, 5_000, 1_000_000, k -> false, JitterBufferTest::onTime);
        long now = POLL_PHASE + 150 * 20 * MS;
        byte[] payload = new byte[30];
        assertThat(buffer.insert(40_000, 77_777_777, FRAME, payload, now)).isEqualTo(InsertResult.RESTART_PENDING);
        assertThat(buffer.insert(40_001, 77_777_777 + FRAME, FRAME, payload, now + 20 * MS))
                .isEqualTo(InsertResult.RESYNCED);
        assertThat(buffer.stats().resyncs()).isEqualTo(1);
        List<PlayoutDecision> after = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            long t = now + 21 * MS + p * 20 * MS;
            buffer.insert(40_002 + p, 77_777_777 + (2L + p) * FRAME, FRAME, payload, now + (40 + p * 20) * MS);
            buffer.poll(t, out);
            after.add(out.decision());
            if (out.decision() == PLAY && after.indexOf(PLAY) == after.size() - 1) {
                assertThat(out.sequenceNumber()).as("restarts from the held packet").isEqualTo(40_000);
            }
        }
        assertThat(after).contains(PLAY).doesNotContain(CONCEAL, FEC);
        assertThat(buffer.stats().late()).isZero();
    }

    @Test
    void ignoresAStrayPacketThatIsNotFollowedUp() {
        run(100, 0, 0, k -> false, JitterBufferTest::onTime);
        long discardedBefore = buffer.stats().discarded();
        long now = POLL_PHASE + 100 * 20 * MS;
        assertThat(buffer.insert(30_000, 5, FRAME, new byte[5], now)).isEqualTo(InsertResult.RESTART_PENDING);
        assertThat(buffer.insert(100, 100L * FRAME, FRAME, new byte[5], now + MS)).isEqualTo(InsertResult.QUEUED);
        JitterBufferStats stats = buffer.stats();
        assertThat(stats.resyncs()).isZero();
        assertThat(stats.discarded() - discardedBefore).isEqualTo(1);
    }

    @Test
    void aTalkSpurtGapIsSilenceNotLoss() {
        // Packets 0..99, then the sender is quiet for one second (DTX): sequence numbers stay contiguous while the
        // timestamps jump by 50 frames.
        LongUnaryOperator sendSlot = k -> k < 100 ? k : k + 50;
        List<Step> steps = run(300, 0, k -> FRAME * sendSlot.applyAsLong(k), k -> false,
                k -> onTime(sendSlot.applyAsLong(k)));
        List<Step> gap = steps.stream().filter(s -> s.timestamp() >= 100L * FRAME && s.timestamp() < 150L * FRAME)
                .toList();
        assertThat(gap).extracting(Step::decision).isSubsetOf(CONCEAL, SILENCE);
        assertThat(gap.stream().filter(s -> s.decision() == CONCEAL).count()).as("100 ms of PLC fades into the pause")
                .isEqualTo(5);
        assertThat(at(steps, 150L * FRAME)).extracting(Step::decision, Step::sequenceNumber).containsExactly(PLAY, 100);
        assertThat(buffer.stats().late()).isZero();
        assertThat(steps.subList(250, 300)).extracting(Step::decision).containsOnly(PLAY);
    }

    @Test
    void waitsInSilenceForAPacketThatResumesAfterAPause() {
        // With a 100 ms delay the first packet after a DTX pause waits in the buffer for several polls: the gap
        // before it is silence, not loss, and nothing is concealed while it is known to be coming.
        JitterBuffer deep = new JitterBuffer(new JitterBufferConfig(48_000, FRAME, 64, 1500, 100, 400, 100, 0.95,
                100));
        List<PlayoutDecision> decisions = new ArrayList<>();
        byte[] payload = new byte[40];
        for (int p = 0; p < 300; p++) {
            long now = POLL_PHASE + p * 20 * MS;
            long slot = p - 1;
            if (slot >= 0 && (slot < 100 || slot >= 150)) {
                deep.insert((int) (slot < 100 ? slot : slot - 50), FRAME * slot, FRAME, payload, onTime(slot));
            }
            deep.poll(now, out);
            decisions.add(out.decision());
        }
        JitterBufferStats stats = deep.stats();
        assertThat(stats.concealed()).as("PLC only while the buffer was empty").isEqualTo(5);
        assertThat(stats.silence()).isEqualTo(45);
        assertThat(stats.late() + stats.stretched() + stats.accelerated() + stats.fecRecovered()).isZero();
        int resumed = decisions.lastIndexOf(SILENCE) + 1;
        assertThat(decisions.subList(resumed - 4, resumed)).containsOnly(SILENCE);
        assertThat(decisions.subList(resumed, 300)).containsOnly(PLAY);
    }

    @Test
    void skipsSilenceRatherThanAudioToLowerTheDelay() {
        // The playout clock stalls for 300 ms just as the sender goes quiet for a second: the delay is far above
        // the target when the talk spurt resumes, and the buffer sheds it in the silence before it.
        byte[] payload = new byte[40];
        int silentSkips = 0;
        long slot = 0;
        for (int p = 0; p < 400; p++) {
            long now = POLL_PHASE + p * 20 * MS;
            while (onTime(slot) <= now) {
                if (slot < 110 || slot >= 160) {
                    buffer.insert((int) (slot < 110 ? slot : slot - 50), FRAME * slot, FRAME, payload, onTime(slot));
                }
                slot++;
            }
            if (p >= 100 && p < 115) {
                continue;
            }
            buffer.poll(now, out);
            if (out.decision() == SILENCE && out.skippedSamples() > 0) {
                assertThat(out.skippedSamples()).isEqualTo(FRAME);
                silentSkips++;
            }
        }
        JitterBufferStats stats = buffer.stats();
        assertThat(silentSkips).isPositive();
        assertThat(stats.late()).isZero();
        assertThat(stats.currentDelayMs()).isBetween(stats.targetDelayMs(), stats.targetDelayMs() + 25);
    }

    @Test
    void acceleratesBySkippingOneBufferedFrame() {
        List<Step> steps = run(100, 0, 0, k -> false, JitterBufferTest::onTime);
        Step accelerate = steps.stream().filter(s -> s.decision() == ACCELERATE).findFirst().orElseThrow();
        Step before = steps.get((int) accelerate.pollIndex() - 1);
        assertThat(accelerate.sequenceNumber()).as("one packet skipped").isEqualTo(before.sequenceNumber() + 2);
        assertThat(accelerate.skipped()).isEqualTo(FRAME);
        assertThat(accelerate.timestamp()).isEqualTo(before.timestamp() + 2 * FRAME);
        assertThat(steps).filteredOn(s -> s.sequenceNumber() == before.sequenceNumber() + 1).isEmpty();
    }

    @Test
    void stretchesWhenTheDelayFallsBelowTheTarget() {
        // Settle at 20 ms, then every packet from 200 on arrives 100 ms later: the target jumps and the
        // buffer holds its timeline until the delay reaches it.
        List<Step> steps = run(400, 0, 0, k -> false, k -> onTime(k) + (k >= 200 ? 100 * MS : 0));
        List<Step> stretches = steps.stream().filter(s -> s.decision() == STRETCH).toList();
        assertThat(stretches).isNotEmpty();
        Step stretch = stretches.get(0);
        Step next = steps.get((int) stretch.pollIndex() + 1);
        assertThat(stretch.sequenceNumber()).as("no payload: render concealment").isEqualTo(-1);
        assertThat(next.timestamp()).as("the timeline did not move").isEqualTo(stretch.timestamp());
        assertThat(buffer.stats().targetDelayMs()).isGreaterThanOrEqualTo(100);
        assertThat(buffer.stats().currentDelayMs()).isGreaterThanOrEqualTo(buffer.stats().targetDelayMs());
        assertThat(steps.subList(350, 400)).extracting(Step::decision).containsOnly(PLAY);
    }
}
