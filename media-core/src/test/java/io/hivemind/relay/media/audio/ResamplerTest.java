package io.hivemind.relay.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Streaming behaviour of {@link Resampler}: block joins, DC, saturation, delay, sizing, reset, bad arguments. */
class ResamplerTest {

    /** Broadband test input: a fixed-seed random signal, so every phase and every tap gets exercised. */
    private static short[] noise(int length) {
        SplittableRandom random = new SplittableRandom(6464);
        short[] x = new short[length];
        for (int i = 0; i < length; i++) {
            x[i] = (short) random.nextInt(-20_000, 20_001);
        }
        return x;
    }

    /** Feeds {@code in} in blocks whose sizes cycle through {@code blocks}, checking the size promise each time. */
    private static short[] resampleInBlocks(Resampler r, short[] in, int... blocks) {
        short[] out = new short[r.maxOutputLength(in.length)];
        int read = 0;
        int written = 0;
        for (int b = 0; read < in.length; b++) {
            int n = Math.min(blocks[b % blocks.length], in.length - read);
            int promised = r.outputLength(n);
            assertThat(promised).isLessThanOrEqualTo(r.maxOutputLength(n));
            int got = r.process(in, read, n, out, written);
            assertThat(got).as("samples written for a block of %d", n).isEqualTo(promised);
            read += n;
            written += got;
        }
        return Arrays.copyOf(out, written);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.hivemind.relay.media.audio.RatePair#all")
    void blockSizeNeverChangesTheOutput(RatePair rates) {
        short[] in = noise(rates.in() / 2);
        short[] whole = Tones.resample(rates.create(), in);
        int twentyMs = rates.in() / 50;
        int tenMs = rates.in() / 100;
        assertThat(resampleInBlocks(rates.create(), in, twentyMs)).as("20 ms blocks").isEqualTo(whole);
        assertThat(resampleInBlocks(rates.create(), in, tenMs)).as("10 ms blocks").isEqualTo(whole);
        assertThat(resampleInBlocks(rates.create(), in, 1, 7, 0, 13, 331, 2, 1999)).as("odd blocks").isEqualTo(whole);
        assertThat(whole).hasSize((int) (((long) in.length * rates.out() + rates.in() - 1) / rates.in()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.hivemind.relay.media.audio.RatePair#all")
    void dcPassesWithUnitGain(RatePair rates) {
        Resampler r = rates.create();
        short[] in = new short[rates.in() / 10];
        Arrays.fill(in, (short) -12345);
        short[] out = Tones.resample(r, in);
        int settled = (int) Math.ceil(2 * r.groupDelayOutputSamples());
        for (int n = settled; n < out.length; n++) {
            assertThat(out[n]).as("output %d", n).isEqualTo((short) -12345);
        }
    }

    /**
     * The Gibbs overshoot of a full-scale square wave is about 9 %: it must clip, never wrap to the other sign. The
     * filter is linear, so the same square wave at half amplitude shows, doubled, what the full-scale output would be
     * without saturation; the full-scale output must be exactly that, clamped to 16 bits (give or take the rounding).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.hivemind.relay.media.audio.RatePair#all")
    void fullScaleSquareWaveSaturates(RatePair rates) {
        short[] full = Tones.resample(rates.create(), square(rates.in(), 32_766));
        short[] half = Tones.resample(rates.create(), square(rates.in(), 16_383));
        int clipped = 0;
        for (int m = 0; m < full.length; m++) {
            int unsaturated = 2 * half[m];
            int expected = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, unsaturated));
            assertThat(full[m]).as("output %d, unsaturated %d", m, unsaturated).isBetween(
                    (short) Math.max(Short.MIN_VALUE, expected - 2), (short) Math.min(Short.MAX_VALUE, expected + 2));
            clipped += unsaturated != expected ? 1 : 0;
        }
        assertThat(clipped).as("samples whose overshoot had to be clipped").isGreaterThan(full.length / 50);
    }

    /** 100 Hz square wave of +-{@code amplitude}, 200 ms. */
    private static short[] square(int rate, int amplitude) {
        int halfPeriod = rate / 200;
        short[] x = new short[rate / 5];
        for (int n = 0; n < x.length; n++) {
            x[n] = (short) ((n / halfPeriod) % 2 == 0 ? amplitude : -amplitude);
        }
        return x;
    }

    /** A low tone's phase lag through a linear-phase filter is exactly its group delay. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.hivemind.relay.media.audio.RatePair#all")
    void exposedGroupDelayMatchesMeasuredPhase(RatePair rates) {
        Resampler r = rates.create();
        double f = 40;
        short[] out = Tones.resample(r, Tones.cosine(f, 20_000, rates.in(), rates.in()));
        SineFit fit = SineFit.of(out, (int) Math.ceil(2 * r.groupDelayOutputSamples()), out.length, f, rates.out());
        double lagOutputSamples = -fit.phase() / (2 * Math.PI * f) * rates.out();
        assertThat(lagOutputSamples).isCloseTo(r.groupDelayOutputSamples(), Offset.offset(0.01));
        assertThat(r.groupDelayInputSamples() * rates.out() / rates.in())
                .isCloseTo(r.groupDelayOutputSamples(), Offset.offset(1e-9));
        assertThat(r.groupDelayNanos()).isEqualTo(Math.round(r.groupDelayOutputSamples() * 1e9 / rates.out()));
    }

    @Test
    void resetStartsANewStream() {
        Resampler r = new Resampler(48_000, 24_000);
        short[] first = noise(4800);
        short[] second = Arrays.copyOfRange(noise(9600), 4800, 9600);
        Tones.resample(r, first);
        r.process(first, 0, 7, new short[4], 0);
        r.reset();
        assertThat(Tones.resample(r, second)).isEqualTo(Tones.resample(new Resampler(48_000, 24_000), second));
    }

    @Test
    void reducesTheRatioAndStatesTheDesign() {
        Resampler r = new Resampler(44_100, 48_000);
        assertThat(r.interpolation()).isEqualTo(160);
        assertThat(r.decimation()).isEqualTo(147);
        assertThat(r.inputRate()).isEqualTo(44_100);
        assertThat(r.outputRate()).isEqualTo(48_000);
        Resampler toRealtime = new Resampler(48_000, 24_000);
        assertThat(toRealtime.passbandEdgeHz()).isEqualTo(10_800);
        assertThat(toRealtime.stopbandEdgeHz()).isEqualTo(12_000);
        assertThat(toRealtime.tapsPerPhase()).isGreaterThan(100);
        assertThat(toRealtime.toString()).contains("48000 -> 24000", "1/2");
    }

    @Test
    void refusesOutputThatDoesNotFitAndConsumesNothing() {
        Resampler r = new Resampler(24_000, 48_000);
        short[] in = noise(480);
        short[] tooSmall = new short[r.outputLength(480) - 1];
        assertThatThrownBy(() -> r.process(in, 0, 480, tooSmall, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> r.process(in, 400, 81, new short[2000], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(Tones.resample(r, in)).isEqualTo(Tones.resample(new Resampler(24_000, 48_000), in));
    }

    @Test
    void rejectsBadRates() {
        assertThatThrownBy(() -> new Resampler(0, 48_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resampler(48_000, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resampler(48_000, 48_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resampler(768_001, 48_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resampler(767_999, 1)).as("needs a filter of 77 million taps")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taps");
        assertThatThrownBy(() -> new Resampler(1, 768_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("taps");
        assertThatThrownBy(() -> new Resampler(48_000, 24_000).outputLength(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resampler(48_000, 24_000).maxOutputLength(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resampler(8_000, 48_000).outputLength(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resampler(8_000, 48_000).maxOutputLength(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Resampler(48_000, 8_000).maxOutputLength(Integer.MAX_VALUE))
                .isEqualTo((Integer.MAX_VALUE + 5L) / 6);
    }

    @Test
    void processAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Resampler down = new Resampler(48_000, 24_000);
        Resampler up = new Resampler(24_000, 48_000);
        short[] in = noise(960);
        short[] half = new short[480];
        short[] back = new short[960];
        for (int i = 0; i < 200; i++) {
            up.process(half, 0, down.process(in, 0, 960, half, 0), back, 0);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1000; i++) {
            up.process(half, 0, down.process(in, 0, 960, half, 0), back, 0);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by 1000 x 20 ms down and up").isZero();
    }
}
