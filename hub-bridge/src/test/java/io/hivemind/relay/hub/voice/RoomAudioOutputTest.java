package io.hivemind.relay.hub.voice;

import io.hivemind.relay.media.audio.AudioLevel;
import io.hivemind.relay.media.rtp.AudioLevelExtension;
import io.hivemind.relay.media.time.ManualClock;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** "Speaks" on a hand-driven clock: every tick is called by the test, every packet recorded. */
class RoomAudioOutputTest {
    private static final int SSRC = 0xA6E47;
    private static final int LEVEL_ID = 3;
    private static final int FIRST_SEQ = 65_530;
    private static final int FIRST_TS = -2_000;

    private final ManualClock clock = new ManualClock(5_000_000_000L);
    private final List<SentRtp> sent = new ArrayList<>();
    private final List<Long> sentAt = new ArrayList<>();
    private RoomAudioOutput output = newOutput(LEVEL_ID);

    private RoomAudioOutput newOutput(int levelId) {
        return new RoomAudioOutput(SSRC, 111, levelId, VoiceAudioConfig.DEFAULT, clock, ByteBufAllocator.DEFAULT,
                packet -> {
                    sent.add(SentRtp.consume(packet, levelId));
                    sentAt.add(clock.nanoTime());
                }, FIRST_SEQ, FIRST_TS);
    }

    @AfterEach
    void tearDown() {
        output.close();
    }

    /** {@code millis} of a 24 kHz tone as PCM16 little-endian. */
    private static byte[] tone(double hz, int millis) {
        return Tones.littleEndian(Tones.sine(hz, 24_000, 0, millis * 24, 10_000));
    }

    private void ticks(int count) {
        for (int i = 0; i < count; i++) {
            clock.advanceMillis(20);
            output.tick();
        }
    }

    /** Timestamp distance modulo 2^32: the stream starts just below the wrap. */
    private static long elapsed(SentRtp earlier, SentRtp later) {
        return (later.timestamp() - earlier.timestamp()) & 0xFFFF_FFFFL;
    }

    @Test
    void speaksAToneAsContinuousOpusRtp() {
        byte[] pcm = tone(660, 400);
        // Deltas of awkward sizes, odd ones included: samples must still come out in order.
        for (int from = 0; from < pcm.length; from += 777) {
            output.speak("item_1", Arrays.copyOfRange(pcm, from, Math.min(pcm.length, from + 777)));
        }
        ticks(25);

        assertThat(sent).hasSize(20);
        for (int i = 0; i < sent.size(); i++) {
            SentRtp p = sent.get(i);
            assertThat(p.sequenceNumber()).isEqualTo((FIRST_SEQ + i) & 0xFFFF);
            assertThat(p.timestamp()).isEqualTo((FIRST_TS + 960L * i) & 0xFFFF_FFFFL);
            assertThat(p.marker()).isEqualTo(i == 0);
            assertThat(p.ssrc()).isEqualTo(SSRC);
            assertThat(p.payloadType()).isEqualTo(111);
        }
        // A sine of amplitude 10000 is 13 dB below full scale (RFC 6464 levels of the 48 kHz frame).
        assertThat(sent.subList(2, 20)).allSatisfy(p -> {
            assertThat(AudioLevelExtension.level(p.audioLevel())).isBetween(12, 14);
            assertThat(AudioLevelExtension.voiceActivity(p.audioLevel())).isTrue();
        });
        short[] decoded = SentRtp.decode(sent);
        short[] steady = Arrays.copyOfRange(decoded, 960 * 3, decoded.length);
        assertThat(Tones.dominantHz(steady, 48_000)).isBetween(655.0, 665.0);
        assertThat(Tones.share(steady, 660, 48_000)).isGreaterThan(0.9);
        assertThat(output.playedMillis("item_1")).isEqualTo(400);
        assertThat(output.talking()).isFalse();
        assertThat(output.packetsSent()).isEqualTo(20);
        assertThat(output.encodeErrors()).isZero();
    }

    static Stream<Arguments> schedules() {
        return Stream.of(
                arguments("one tick every 20 ms: one packet each", new int[] {20, 20, 20, 20, 20}, 5),
                arguments("a second tick at the same instant sends nothing", new int[] {20, 0, 20, 0, 20}, 3),
                arguments("a stalled scheduler catching up three ticks: no burst", new int[] {20, 60, 0, 0, 20}, 3),
                arguments("ticks 9 ms apart: every other one sends", new int[] {20, 9, 9, 9, 9, 9, 9}, 4),
                arguments("ticks 10 ms apart: each one sends", new int[] {20, 10, 10, 10}, 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void sendsAtMostOnePacketPerTick(String name, int[] tickGapsMillis, int expectedPackets) {
        output.speak("item_1", tone(660, 1000));
        for (int gap : tickGapsMillis) {
            clock.advanceMillis(gap);
            int before = sent.size();
            output.tick();
            assertThat(sent.size() - before).isLessThanOrEqualTo(1);
        }

        assertThat(sent).hasSize(expectedPackets);
        for (int i = 1; i < sentAt.size(); i++) {
            assertThat(sentAt.get(i) - sentAt.get(i - 1)).isGreaterThanOrEqualTo(10_000_000L);
            assertThat(elapsed(sent.get(i - 1), sent.get(i))).isEqualTo(960);
        }
    }

    @Test
    void aPauseEndsTheTalkspurtAndTheNextStartsWithTheMarkerAtTheElapsedTimestamp() {
        output.speak("item_1", tone(660, 60));
        ticks(3);
        ticks(5);
        assertThat(sent).hasSize(3);
        assertThat(output.talking()).isFalse();

        output.speak("item_2", tone(660, 40));
        ticks(2);

        assertThat(sent).hasSize(5);
        assertThat(sent).extracting(SentRtp::marker).containsExactly(true, false, false, true, false);
        assertThat(sent).extracting(SentRtp::sequenceNumber)
                .containsExactly(65_530, 65_531, 65_532, 65_533, 65_534);
        // The third packet went out at tick 3, the fourth at tick 9: 120 ms later, 5760 samples at 48 kHz.
        assertThat(elapsed(sent.get(2), sent.get(3))).isEqualTo(5760);
        assertThat(output.talkspurts()).isEqualTo(2);
    }

    @Test
    void aPartialLastFrameIsPaddedAndCountsOnlyItsAudio() {
        output.speak("item_1", tone(660, 30));
        ticks(3);

        assertThat(sent).hasSize(2);
        assertThat(output.playedMillis("item_1")).isEqualTo(30);
    }

    @Test
    void interruptStopsWithinOneFrameAndReportsThePlayedMilliseconds() {
        output.speak("item_1", tone(660, 1000));
        ticks(7);
        assertThat(sent).hasSize(7);

        assertThat(output.interrupt()).contains(new Truncation("item_1", 140));
        ticks(3);
        assertThat(sent).hasSize(7);
        assertThat(output.playedMillis("item_1")).isEqualTo(140);
        assertThat(output.queuedMillis()).isZero();

        // The next response starts a new talkspurt.
        output.speak("item_2", tone(660, 40));
        ticks(2);
        assertThat(sent).hasSize(9);
        assertThat(sent.get(7).marker()).isTrue();
        assertThat(sent.get(7).sequenceNumber()).isEqualTo((FIRST_SEQ + 7) & 0xFFFF);
    }

    @Test
    void interruptRightAfterATickStillStopsTheNextOne() {
        output.speak("item_1", tone(660, 1000));
        ticks(1);
        output.interrupt();
        output.speak("item_2", tone(660, 100));
        ticks(1);

        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).marker()).isTrue();
        assertThat(output.playedMillis("item_1")).isEqualTo(20);
        assertThat(output.playedMillis("item_2")).isEqualTo(20);
    }

    @Test
    void interruptNamesTheItemAtTheHeadOfTheQueue() {
        output.speak("item_1", tone(660, 40));
        output.speak("item_2", tone(660, 100));
        ticks(3);

        assertThat(output.interrupt()).contains(new Truncation("item_2", 20));
        assertThat(output.playedMillis("item_1")).isEqualTo(40);
    }

    @Test
    void interruptBeforeAnyAudioReportsNothing() {
        assertThat(output.interrupt()).isEmpty();
        ticks(2);
        assertThat(sent).isEmpty();
    }

    @Test
    void withoutAnExtensionIdPacketsCarryNoHeaderExtension() {
        output.close();
        output = newOutput(0);
        output.speak("item_1", tone(660, 20));
        ticks(1);

        assertThat(sent).singleElement().satisfies(p -> assertThat(p.audioLevel()).isEqualTo(-1));
    }

    @Test
    void silenceIsSentAsDigitalSilenceWithoutVoiceActivity() {
        output.speak("item_1", new byte[960 * 3]);
        ticks(3);

        assertThat(sent).hasSize(3).allSatisfy(p -> {
            assertThat(AudioLevelExtension.level(p.audioLevel())).isEqualTo(AudioLevel.DIGITAL_SILENCE);
            assertThat(AudioLevelExtension.voiceActivity(p.audioLevel())).isFalse();
        });
    }

    @Test
    void aFullQueueRefusesAndCounts() {
        byte[] minute = new byte[60 * 48_000];
        for (int i = 0; i < 10; i++) {
            assertThat(output.speak("item_1", minute)).isTrue();
        }
        assertThat(output.speak("item_1", new byte[2])).isFalse();
        assertThat(output.droppedBytes()).isEqualTo(2);
        assertThat(output.queuedMillis()).isEqualTo(600_000);
    }
}
