package io.hivemind.relay.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AudioMixerTest {

    private static final int OUTSIDER = 999;
    private static final short MAX = Short.MAX_VALUE;
    private static final short MIN = Short.MIN_VALUE;

    /**
     * Frames of four samples; source {@code i} has id {@code i}. Expected: what each source hears, in source order,
     * then what a listener who is not a source ({@value #OUTSIDER}) hears.
     */
    static Stream<Arguments> mixMinusTable() {
        return Stream.of(
                Arguments.of(Named.of("two sources hear each other", frames(
                        row(100, -200, 300, 0),
                        row(1, 2, 3, 4))), frames(
                        row(1, 2, 3, 4),
                        row(100, -200, 300, 0),
                        row(101, -198, 303, 4))),
                Arguments.of(Named.of("three sources", frames(
                        row(1000, 0, -5, 7),
                        row(20, -300, 5, 7),
                        row(3, 4, 0, -14))), frames(
                        row(23, -296, 5, -7),
                        row(1003, 4, -5, -7),
                        row(1020, -300, 0, 14),
                        row(1023, -296, 0, 0))),
                Arguments.of(Named.of("four sources", frames(
                        row(1, 10, 100, 1000),
                        row(2, 20, 200, 2000),
                        row(3, 30, 300, 3000),
                        row(4, 40, 400, 4000))), frames(
                        row(9, 90, 900, 9000),
                        row(8, 80, 800, 8000),
                        row(7, 70, 700, 7000),
                        row(6, 60, 600, 6000),
                        row(10, 100, 1000, 10000))),
                Arguments.of(Named.of("clipped total, unclipped mix-minus (saturate after subtracting)", frames(
                        row(30000, -30000, 30000, 0),
                        row(30000, -30000, -30000, 0),
                        row(-20000, 20000, 10, 0))), frames(
                        row(10000, -10000, -29990, 0),
                        row(10000, -10000, 30010, 0),
                        row(MAX, MIN, 0, 0),
                        row(MAX, MIN, 10, 0))),
                Arguments.of(Named.of("four full-scale sources: clipping and near-cancellation", frames(
                        row(MAX, MIN, MAX, MIN),
                        row(MAX, MIN, MAX, MIN),
                        row(MAX, MIN, MIN, MAX),
                        row(MAX, MIN, MIN, MAX))), frames(
                        row(MAX, MIN, MIN, 32766),
                        row(MAX, MIN, MIN, 32766),
                        row(MAX, MIN, 32766, MIN),
                        row(MAX, MIN, 32766, MIN),
                        row(MAX, MIN, -2, -2))),
                Arguments.of(Named.of("a lone source hears silence", frames(
                        row(5, 6, 7, 8))), frames(
                        row(0, 0, 0, 0),
                        row(5, 6, 7, 8))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mixMinusTable")
    void mixMinus(short[][] sources, short[][] expected) {
        AudioMixer mixer = new AudioMixer(4);
        for (int id = 0; id < sources.length; id++) {
            mixer.addSource(id);
            assertThat(mixer.submit(id, sources[id], 0)).isTrue();
        }
        assertThat(mixer.mix()).isEqualTo(sources.length);
        for (int id = 0; id < sources.length; id++) {
            assertThat(heardBy(mixer, id)).as("heard by source %d", id).isEqualTo(expected[id]);
        }
        assertThat(heardBy(mixer, OUTSIDER)).as("heard by a listener who is not a source")
                .isEqualTo(expected[sources.length]);
    }

    @Test
    void aSourceWithoutAFrameContributesNothing() {
        AudioMixer mixer = new AudioMixer(4);
        mixer.addSource(1);
        mixer.addSource(2);
        mixer.addSource(3);
        mixer.submit(1, row(100, 100, 100, 100), 0);
        mixer.submit(2, row(20, 20, 20, 20), 0);
        assertThat(mixer.mix()).isEqualTo(2);
        assertThat(heardBy(mixer, 3)).isEqualTo(row(120, 120, 120, 120));
        assertThat(heardBy(mixer, 1)).isEqualTo(row(20, 20, 20, 20));

        // Next frame: only 3 speaks; 1 and 2's old frames must not linger.
        mixer.submit(3, row(7, 7, 7, 7), 0);
        assertThat(mixer.mix()).isEqualTo(1);
        assertThat(heardBy(mixer, 1)).isEqualTo(row(7, 7, 7, 7));
        assertThat(heardBy(mixer, 3)).isEqualTo(row(0, 0, 0, 0));
    }

    @Test
    void reportsTheLevelOfEachContribution() {
        AudioMixer mixer = new AudioMixer(4);
        mixer.addSource(1);
        mixer.addSource(2);
        mixer.addSource(3);
        mixer.submit(1, row(3277, -3277, 3277, -3277), 0);
        mixer.submit(2, row(0, 0, 0, 0), 0);
        assertThatThrownBy(() -> mixer.levelOf(1)).isInstanceOf(IllegalStateException.class);
        mixer.mix();
        assertThat(mixer.levelOf(1)).as("square at 1/10 of full scale").isEqualTo(20);
        assertThat(mixer.levelOf(2)).as("sent digital silence").isEqualTo(AudioLevel.DIGITAL_SILENCE);
        assertThat(mixer.levelOf(3)).as("sent nothing").isEqualTo(AudioLevel.DIGITAL_SILENCE);
        assertThat(mixer.levelOf(OUTSIDER)).as("not a source").isEqualTo(AudioLevel.DIGITAL_SILENCE);
    }

    @Test
    void matchesADirectSumOverRandomRooms() {
        SplittableRandom random = new SplittableRandom(3550);
        int frame = 960;
        AudioMixer mixer = new AudioMixer(frame);
        int sources = 9;
        for (int id = 0; id < sources; id++) {
            mixer.addSource(100 + id);
        }
        short[][] pcm = new short[sources][frame];
        boolean[] speaks = new boolean[sources];
        short[] heard = new short[frame + 3];
        for (int round = 0; round < 50; round++) {
            for (int s = 0; s < sources; s++) {
                speaks[s] = random.nextInt(4) != 0;
                int scale = random.nextBoolean() ? 32_768 : 4000;
                for (int i = 0; i < frame; i++) {
                    pcm[s][i] = (short) random.nextInt(-scale, scale);
                }
                if (speaks[s]) {
                    mixer.submit(100 + s, pcm[s], 0);
                }
            }
            mixer.mix();
            for (int listener = 0; listener <= sources; listener++) {
                mixer.mixFor(100 + listener, heard, 3);
                for (int i = 0; i < frame; i++) {
                    long sum = 0;
                    for (int s = 0; s < sources; s++) {
                        sum += speaks[s] && s != listener ? pcm[s][i] : 0;
                    }
                    long expected = Math.max(MIN, Math.min(MAX, sum));
                    assertThat(heard[3 + i]).as("round %d listener %d sample %d", round, listener, i)
                            .isEqualTo((short) expected);
                }
            }
        }
    }

    @Test
    void readsAndWritesAtOffsets() {
        AudioMixer mixer = new AudioMixer(2);
        mixer.addSource(1);
        mixer.addSource(2);
        mixer.submit(1, row(9, 9, 1, 2, 9), 2);
        mixer.submit(2, row(3, 4), 0);
        mixer.mix();
        short[] out = row(-1, -1, -1, -1, -1);
        mixer.mixFor(OUTSIDER, out, 2);
        assertThat(out).isEqualTo(row(-1, -1, 4, 6, -1));
    }

    @Test
    void addsAndRemovesSources() {
        AudioMixer mixer = new AudioMixer(1);
        for (int id = 0; id < 20; id++) {
            mixer.addSource(id);
        }
        assertThat(mixer.sourceCount()).isEqualTo(20);
        assertThatThrownBy(() -> mixer.addSource(7)).isInstanceOf(IllegalArgumentException.class);
        assertThat(mixer.removeSource(7)).isTrue();
        assertThat(mixer.removeSource(7)).isFalse();
        assertThat(mixer.hasSource(7)).isFalse();
        assertThat(mixer.hasSource(19)).isTrue();
        assertThat(mixer.sourceCount()).isEqualTo(19);
        for (int id = 0; id < 20; id++) {
            assertThat(mixer.submit(id, row(id), 0)).as("submit %d", id).isEqualTo(id != 7);
        }
        assertThat(mixer.mix()).isEqualTo(19);
        short[] out = new short[1];
        mixer.mixFor(19, out, 0);
        assertThat(out[0]).isEqualTo((short) (190 - 7 - 19));
        mixer.mixFor(7, out, 0);
        assertThat(out[0]).as("a removed source is an outsider").isEqualTo((short) (190 - 7));
        assertThat(mixer.toString()).contains("19 sources");
    }

    @Test
    void enforcesTheFrameCycle() {
        AudioMixer mixer = new AudioMixer(4);
        mixer.addSource(1);
        short[] out = new short[4];
        assertThatThrownBy(() -> mixer.mixFor(1, out, 0)).isInstanceOf(IllegalStateException.class);
        mixer.submit(1, row(1, 2, 3, 4), 0);
        assertThatThrownBy(() -> mixer.mixFor(1, out, 0)).isInstanceOf(IllegalStateException.class);
        mixer.mix();
        mixer.mixFor(1, out, 0);
        assertThat(mixer.submit(42, row(1, 2, 3, 4), 0)).as("unknown source is dropped").isFalse();
        mixer.mixFor(OUTSIDER, out, 0);
        assertThat(out).isEqualTo(row(1, 2, 3, 4));
        assertThatThrownBy(() -> mixer.mixFor(1, new short[5], 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> mixer.submit(1, new short[3], 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new AudioMixer(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mixingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        AudioMixer mixer = new AudioMixer(960);
        short[] pcm = new short[960];
        short[] out = new short[960];
        for (int id = 0; id < 4; id++) {
            mixer.addSource(id);
        }
        for (int warm = 0; warm < 2; warm++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int frame = 0; frame < 500; frame++) {
                for (int id = 0; id < 4; id++) {
                    mixer.submit(id, pcm, 0);
                }
                mixer.mix();
                for (int id = 0; id < 5; id++) {
                    mixer.mixFor(id, out, 0);
                }
            }
            if (warm == 1) {
                assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes per 500 frames").isZero();
            }
        }
    }

    private static short[] row(int... samples) {
        short[] frame = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            frame[i] = (short) samples[i];
        }
        return frame;
    }

    private static short[][] frames(short[]... rows) {
        return rows;
    }

    private static short[] heardBy(AudioMixer mixer, int listener) {
        short[] out = new short[mixer.frameSamples()];
        mixer.mixFor(listener, out, 0);
        return out;
    }
}
