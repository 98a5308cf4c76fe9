package io.hivemind.relay.media.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Measured frequency response of {@link Resampler}: passband flatness, stopband attenuation against aliasing and
 * imaging, and round-trip tone SNR. Levels are taken by least-squares sine fits ({@link SineFit}) after the filter
 * has settled, so the fractional group delay never needs to be compensated by hand.
 */
class ResamplerQualityTest {

    /** Full-scale sine amplitude and its RMS, the 0 dBFS reference for the level measurements. */
    private static final double FULL_SCALE = Short.MAX_VALUE;
    private static final double FULL_SCALE_RMS = FULL_SCALE / Math.sqrt(2);
    /** Tones across the passband per ratio. */
    private static final int SWEEP_POINTS = 24;

    /**
     * Passband ripple bound. The design ripple of an 80 dB Kaiser filter is 20*log10(1 + 1e-4) = 0.0009 dB; the bound
     * leaves room for the per-phase normalisation and the 16-bit rounding of the measured tones, and is still ten
     * times tighter than the 0.1 dB a listener could ever notice.
     */
    private static final double MAX_RIPPLE_DB = 0.01;
    /** Attenuation bound: 80 dB designed, 16-bit rounding (about -101 dBFS) sets the measurement floor. */
    private static final double MIN_STOPBAND_DB = 75;

    /** Skips the start-up transient: two group delays of output, plus a margin. */
    private static int settled(Resampler r) {
        return (int) Math.ceil(2 * r.groupDelayOutputSamples()) + 16;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.hivemind.relay.media.audio.RatePair#all")
    void passbandIsFlat(RatePair rates) {
        double amplitude = 0.5 * FULL_SCALE;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 1; i <= SWEEP_POINTS; i++) {
            double f = Resampler.PASSBAND_EDGE * rates.lower() * i / SWEEP_POINTS;
            Resampler r = rates.create();
            short[] out = Tones.resample(r, Tones.cosine(f, amplitude, rates.in(), rates.in() / 4));
            SineFit fit = SineFit.of(out, settled(r), out.length, f, rates.out());
            double gainDb = 20 * Math.log10(fit.amplitude() / amplitude);
            min = Math.min(min, gainDb);
            max = Math.max(max, gainDb);
        }
        assertThat(max - min).as("peak-to-peak ripple in dB").isLessThanOrEqualTo(MAX_RIPPLE_DB);
        assertThat(Math.max(Math.abs(min), Math.abs(max))).as("gain in dB").isLessThanOrEqualTo(MAX_RIPPLE_DB);
    }

    /** Tones between the new and the old Nyquist frequency must vanish instead of folding back into the band. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.hivemind.relay.media.audio.RatePair#downsampling")
    void aliasesAreAttenuated(RatePair rates) {
        double worst = Double.MAX_VALUE;
        double from = Resampler.STOPBAND_EDGE * rates.out();
        double to = rates.in() / 2.0;
        for (int i = 0; i <= SWEEP_POINTS; i++) {
            double f = from + (to - from) * i / SWEEP_POINTS;
            Resampler r = rates.create();
            short[] out = Tones.resample(r, Tones.cosine(f, FULL_SCALE, 0.3, rates.in(), rates.in() / 4));
            double level = Tones.rms(out, settled(r), out.length);
            worst = Math.min(worst, 20 * Math.log10(FULL_SCALE_RMS / Math.max(level, 1e-9)));
        }
        assertThat(worst).as("worst alias attenuation re full scale, dB").isGreaterThanOrEqualTo(MIN_STOPBAND_DB);
    }

    /** Zero-stuffing makes images of every passband tone above the old Nyquist frequency; they must vanish. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.hivemind.relay.media.audio.RatePair#upsampling")
    void imagesAreAttenuated(RatePair rates) {
        double worst = Double.MAX_VALUE;
        double amplitude = 0.9 * FULL_SCALE;
        for (int i = 1; i <= SWEEP_POINTS; i++) {
            double f = Resampler.PASSBAND_EDGE * rates.lower() * i / SWEEP_POINTS;
            Resampler r = rates.create();
            short[] out = Tones.resample(r, Tones.cosine(f, amplitude, rates.in(), rates.in() / 4));
            SineFit fit = SineFit.of(out, settled(r), out.length, f, rates.out());
            worst = Math.min(worst, 20 * Math.log10(FULL_SCALE_RMS / fit.residualRms()));
        }
        assertThat(worst).as("worst image+noise level below full scale, dB").isGreaterThanOrEqualTo(MIN_STOPBAND_DB);
    }

    static Stream<Arguments> roundTrips() {
        return Stream.of(
                Arguments.of(Named.of("48 -> 24 -> 48 kHz", 24_000)),
                Arguments.of(Named.of("48 -> 16 -> 48 kHz", 16_000)),
                Arguments.of(Named.of("48 -> 8 -> 48 kHz", 8_000)));
    }

    /**
     * A -3 dBFS 1 kHz tone down and back up. Two 16-bit roundings (input and intermediate) and the output rounding
     * put the ideal at about 90 dB; 80 dB leaves margin for the filters and is far above the 60 dB asked for a voice
     * path.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void toneSurvivesRoundTrip(int middleRate) {
        Resampler down = new Resampler(48_000, middleRate);
        Resampler up = new Resampler(middleRate, 48_000);
        double amplitude = FULL_SCALE / Math.sqrt(2);
        short[] out = Tones.resample(up, Tones.resample(down, Tones.cosine(1000, amplitude, 48_000, 48_000)));
        int skip = 2 * (int) Math.ceil(down.groupDelayInputSamples() + up.groupDelayOutputSamples()) + 16;
        SineFit fit = SineFit.of(out, skip, out.length, 1000, 48_000);
        assertThat(fit.sinadDb()).as("SINAD dB").isGreaterThanOrEqualTo(80);
        assertThat(20 * Math.log10(fit.amplitude() / amplitude)).as("gain dB").isBetween(-0.01, 0.01);
    }

    /**
     * The exposed delays are what the voice bridge aligns with: voice (tones up to 7.3 kHz) sent 48 -> 24 -> 48 kHz and
     * shifted back by the sum of both group delays must match the original sample by sample.
     */
    @Test
    void roundTripAlignsByTheExposedDelays() {
        Resampler down = new Resampler(48_000, 24_000);
        Resampler up = new Resampler(24_000, 48_000);
        double delay = down.groupDelayInputSamples() + up.groupDelayOutputSamples();
        assertThat(delay).as("48 kHz samples").isEqualTo(201);
        short[] voice = new short[48_000];
        double[] tones = {300, 1100, 2900, 7300};
        for (int n = 0; n < voice.length; n++) {
            double v = 0;
            for (double f : tones) {
                v += 6000 * Math.sin(2 * Math.PI * f * n / 48_000 + f);
            }
            voice[n] = (short) Math.round(v);
        }
        short[] back = Tones.resample(up, Tones.resample(down, voice));
        int shift = (int) delay;
        double signal = 0;
        double error = 0;
        for (int n = 2 * shift; n + shift < back.length; n++) {
            double e = back[n + shift] - voice[n];
            signal += (double) voice[n] * voice[n];
            error += e * e;
        }
        assertThat(10 * Math.log10(signal / error)).as("signal to alignment error, dB").isGreaterThanOrEqualTo(80);
    }
}
