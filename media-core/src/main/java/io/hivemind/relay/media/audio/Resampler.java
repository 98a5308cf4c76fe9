package io.hivemind.relay.media.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Streaming sample-rate converter for mono PCM16 by a rational factor {@code L/M} (polyphase windowed sinc).
 *
 * <p>Conceptually the input is zero-stuffed by {@code L}, low-pass filtered at the lower of the two Nyquist rates and
 * decimated by {@code M}. The polyphase form computes only the kept outputs: output {@code m} sits at up-sampled time
 * {@code t = m*M}, i.e. behind input sample {@code i = t / L} by phase {@code p = t % L}, and is the dot product of the
 * {@code K} newest inputs up to {@code i} with phase {@code p}'s {@code K} coefficients. Consecutive calls continue
 * exactly where the previous one stopped: the last {@code K - 1} inputs and the output phase are kept, so 10 or 20 ms
 * blocks join without a seam and splitting the input differently never changes the output.
 *
 * <p>Filter (designed at construction, see {@link KaiserLowPass}): passband edge {@code 0.45 * min(fsIn, fsOut)},
 * stopband edge at the lower Nyquist frequency {@code 0.5 * min(fsIn, fsOut)} (transition band 0.05 * min rate: 1.2 kHz
 * at 48&lt;-&gt;24 kHz, 800 Hz at 48&lt;-&gt;16 kHz, 400 Hz at 48&lt;-&gt;8 kHz), Kaiser window for {@value
 * #STOPBAND_ATTENUATION_DB} dB. Because the stopband starts at the new Nyquist frequency, nothing that would alias
 * (down-sampling) or image (up-sampling) gets through unattenuated. Every phase is scaled to sum to exactly 1, so DC
 * passes with gain 1 and an up-sampler adds no DC-related image; the scaling is symmetric across phases, so the phase
 * stays linear. Coefficients and the history are {@code float}: the rounding they add stays under 16-bit
 * quantisation noise.
 *
 * <p>Output is rounded to nearest and saturated to 16 bits, so the filter's Gibbs overshoot on a full-scale square
 * wave clips instead of wrapping around.
 *
 * <p>{@link #process} allocates nothing. Not thread-safe: one instance per stream.
 */
public final class Resampler {

    /** Designed stopband attenuation in dB. */
    public static final double STOPBAND_ATTENUATION_DB = 80;
    /** Passband edge as a fraction of the lower of the two sample rates. */
    public static final double PASSBAND_EDGE = 0.45;
    /** Stopband edge as a fraction of the lower of the two sample rates: the lower Nyquist frequency. */
    public static final double STOPBAND_EDGE = 0.5;

    /** The highest rate accepted, and the cap on the prototype filter size (so a silly ratio cannot eat the heap). */
    private static final int MAX_RATE = 768_000;
    private static final int MAX_PROTOTYPE_TAPS = 1 << 20;
    /** Input is copied into the float history this many samples at a time, so any input length works. */
    private static final int CHUNK = 1024;

    private final int inputRate;
    private final int outputRate;
    private final int up;
    private final int down;
    private final int tapsPerPhase;
    /** Phase-major, and reversed within a phase so the dot product walks coefficients and history forwards. */
    private final float[] coefficients;
    private final int stepWhole;
    private final int stepPhase;
    /** The last {@code tapsPerPhase - 1} inputs, then room for one chunk. */
    private final float[] window;

    /** Index in {@link #window} of the newest input the next output needs. */
    private int inputIndex;
    /** Phase of the next output, 0..up-1. */
    private int phase;

    public Resampler(int inputRate, int outputRate) {
        if (inputRate <= 0 || outputRate <= 0 || inputRate > MAX_RATE || outputRate > MAX_RATE) {
            throw new IllegalArgumentException("rates must be in 1.." + MAX_RATE + ": " + inputRate + " -> "
                    + outputRate);
        }
        if (inputRate == outputRate) {
            throw new IllegalArgumentException("nothing to resample at " + inputRate + " Hz");
        }
        int gcd = gcd(inputRate, outputRate);
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        this.up = outputRate / gcd;
        this.down = inputRate / gcd;

        double prototypeRate = (double) inputRate * up;
        double lowerRate = Math.min(inputRate, outputRate);
        double pass = PASSBAND_EDGE * lowerRate / prototypeRate;
        double stop = STOPBAND_EDGE * lowerRate / prototypeRate;
        long minTaps = KaiserLowPass.minimumLength(STOPBAND_ATTENUATION_DB, stop - pass);
        long taps = (minTaps + up - 1) / up;
        long prototypeTaps = taps * up;
        if (prototypeTaps > MAX_PROTOTYPE_TAPS) {
            throw new IllegalArgumentException("ratio " + outputRate + "/" + inputRate + " needs " + prototypeTaps
                    + " taps");
        }
        this.tapsPerPhase = (int) taps;
        double[] prototype = KaiserLowPass.design((int) prototypeTaps, (pass + stop) / 2,
                KaiserLowPass.beta(STOPBAND_ATTENUATION_DB));
        this.coefficients = splitIntoPhases(prototype, up, tapsPerPhase);
        this.stepWhole = down / up;
        this.stepPhase = down % up;
        this.window = new float[tapsPerPhase - 1 + CHUNK];
        reset();
    }

    private static float[] splitIntoPhases(double[] prototype, int phases, int taps) {
        float[] table = new float[phases * taps];
        for (int p = 0; p < phases; p++) {
            double sum = 0;
            for (int k = 0; k < taps; k++) {
                sum += prototype[p + k * phases];
            }
            for (int k = 0; k < taps; k++) {
                table[p * taps + (taps - 1 - k)] = (float) (prototype[p + k * phases] / sum);
            }
        }
        return table;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Forgets all history: the next sample in is treated as the first of a new stream, preceded by silence. */
    public void reset() {
        Arrays.fill(window, 0f);
        inputIndex = tapsPerPhase - 1;
        phase = 0;
    }

    /**
     * The exact number of samples the next {@link #process} call writes for {@code inputLength} input samples, given
     * the current state. Over a stream the total is {@code ceil(totalIn * L / M)}; per call it may differ by one.
     *
     * @throws IllegalArgumentException if {@code inputLength} is negative or the output would exceed an array
     */
    public int outputLength(int inputLength) {
        if (inputLength < 0) {
            throw new IllegalArgumentException("negative input length " + inputLength);
        }
        long available = (long) tapsPerPhase - 1 + inputLength - inputIndex;
        if (available <= 0) {
            return 0;
        }
        return arrayLength((available * up - phase + down - 1) / down);
    }

    /**
     * An upper bound of {@link #outputLength} for any state: for sizing output buffers once.
     *
     * @throws IllegalArgumentException if {@code inputLength} is negative or the output would exceed an array
     */
    public int maxOutputLength(int inputLength) {
        if (inputLength < 0) {
            throw new IllegalArgumentException("negative input length " + inputLength);
        }
        return arrayLength(((long) inputLength * up + down - 1) / down);
    }

    private static int arrayLength(long samples) {
        if (samples > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(samples + " output samples do not fit in an array");
        }
        return (int) samples;
    }

    /**
     * Converts {@code inLen} samples from {@code in[inOff]} and writes the resulting samples to {@code out[outOff]}.
     *
     * @return the number of samples written, which is {@link #outputLength}{@code (inLen)} as asked just before
     * @throws IndexOutOfBoundsException if the input range is outside {@code in} or the output does not fit in
     *         {@code out}; nothing is consumed then
     */
    public int process(short[] in, int inOff, int inLen, short[] out, int outOff) {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        Objects.checkFromIndexSize(outOff, outputLength(inLen), out.length);
        int history = tapsPerPhase - 1;
        int written = 0;
        while (inLen > 0) {
            int n = Math.min(inLen, CHUNK);
            for (int i = 0; i < n; i++) {
                window[history + i] = in[inOff + i];
            }
            inOff += n;
            inLen -= n;
            written += drain(history + n, out, outOff + written);
            System.arraycopy(window, n, window, 0, history);
            inputIndex -= n;
        }
        return written;
    }

    /** Computes every output whose newest input is below {@code filled}. */
    private int drain(int filled, short[] out, int outOff) {
        float[] w = window;
        float[] c = coefficients;
        int taps = tapsPerPhase;
        int written = 0;
        while (inputIndex < filled) {
            int base = inputIndex - taps + 1;
            int coef = phase * taps;
            // Eight independent partial sums: C2 neither reorders nor vectorises a float reduction, so one
            // accumulator would serialise every add on its latency (measured about 3x slower).
            float a0 = 0;
            float a1 = 0;
            float a2 = 0;
            float a3 = 0;
            float a4 = 0;
            float a5 = 0;
            float a6 = 0;
            float a7 = 0;
            int k = 0;
            for (; k + 7 < taps; k += 8) {
                a0 += c[coef + k] * w[base + k];
                a1 += c[coef + k + 1] * w[base + k + 1];
                a2 += c[coef + k + 2] * w[base + k + 2];
                a3 += c[coef + k + 3] * w[base + k + 3];
                a4 += c[coef + k + 4] * w[base + k + 4];
                a5 += c[coef + k + 5] * w[base + k + 5];
                a6 += c[coef + k + 6] * w[base + k + 6];
                a7 += c[coef + k + 7] * w[base + k + 7];
            }
            for (; k < taps; k++) {
                a0 += c[coef + k] * w[base + k];
            }
            int rounded = Math.round(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)));
            out[outOff + written++] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
            inputIndex += stepWhole;
            phase += stepPhase;
            if (phase >= up) {
                phase -= up;
                inputIndex++;
            }
        }
        return written;
    }

    /**
     * Group delay in input samples: an input event at input time {@code t} appears in the output at input time
     * {@code t + groupDelayInputSamples()}. It is {@code (L*K - 1) / (2*L)} for the linear-phase prototype of
     * {@code L*K} taps at the up-sampled rate.
     */
    public double groupDelayInputSamples() {
        return ((double) up * tapsPerPhase - 1) / (2.0 * up);
    }

    /** Group delay in output samples ({@link #groupDelayInputSamples()} times the rate ratio). */
    public double groupDelayOutputSamples() {
        return ((double) up * tapsPerPhase - 1) / (2.0 * down);
    }

    /** Group delay in nanoseconds, for aligning streams across rates. */
    public long groupDelayNanos() {
        return Math.round(groupDelayInputSamples() * 1e9 / inputRate);
    }

    public int inputRate() {
        return inputRate;
    }

    public int outputRate() {
        return outputRate;
    }

    /** The up-sampling factor {@code L} of the reduced ratio {@code L/M}. */
    public int interpolation() {
        return up;
    }

    /** The down-sampling factor {@code M} of the reduced ratio {@code L/M}. */
    public int decimation() {
        return down;
    }

    /** Coefficients per polyphase branch: the multiply-adds per output sample. */
    public int tapsPerPhase() {
        return tapsPerPhase;
    }

    public double passbandEdgeHz() {
        return PASSBAND_EDGE * Math.min(inputRate, outputRate);
    }

    public double stopbandEdgeHz() {
        return STOPBAND_EDGE * Math.min(inputRate, outputRate);
    }

    @Override
    public String toString() {
        return "Resampler[" + inputRate + " -> " + outputRate + " Hz, L/M=" + up + "/" + down + ", " + tapsPerPhase
                + " taps/phase, delay=" + groupDelayOutputSamples() + " out samples]";
    }
}
