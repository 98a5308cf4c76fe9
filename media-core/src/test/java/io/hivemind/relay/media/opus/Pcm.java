package io.hivemind.relay.media.opus;

/** Test signals and the measurements the codec tests make on decoded audio. */
final class Pcm {

    static final int RATE = OpusEncoderConfig.SAMPLE_RATE;

    private Pcm() {
    }

    /** A sine of {@code hz} at {@code amplitude}, the same in every channel, interleaved. */
    static short[] tone(double hz, double amplitude, int samples, int channels) {
        short[] pcm = new short[samples * channels];
        for (int n = 0; n < samples; n++) {
            short v = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * n / RATE));
            for (int c = 0; c < channels; c++) {
                pcm[n * channels + c] = v;
            }
        }
        return pcm;
    }

    /** A linear sweep from {@code fromHz} to {@code toHz}: its autocorrelation has one sharp peak. */
    static short[] chirp(double fromHz, double toHz, double amplitude, int samples, int channels) {
        short[] pcm = new short[samples * channels];
        double slope = (toHz - fromHz) / samples;
        for (int n = 0; n < samples; n++) {
            double phase = 2 * Math.PI * (fromHz * n + slope * n * n / 2) / RATE;
            short v = (short) Math.round(amplitude * Math.sin(phase));
            for (int c = 0; c < channels; c++) {
                pcm[n * channels + c] = v;
            }
        }
        return pcm;
    }

    /** Speech-like: a few harmonics of a 150 Hz voice under a 4 Hz syllable envelope. */
    static short[] speechLike(int samples) {
        short[] pcm = new short[samples];
        double[] harmonics = {150, 300, 450, 750, 1200, 2400};
        double[] weights = {1.0, 0.7, 0.5, 0.35, 0.2, 0.1};
        for (int n = 0; n < samples; n++) {
            double t = (double) n / RATE;
            double envelope = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
            double v = 0;
            for (int h = 0; h < harmonics.length; h++) {
                v += weights[h] * Math.sin(2 * Math.PI * harmonics[h] * t + h);
            }
            pcm[n] = (short) Math.round(3500 * envelope * v);
        }
        return pcm;
    }

    /** One channel of interleaved PCM as doubles. */
    static double[] channel(short[] interleaved, int channels, int channel) {
        double[] out = new double[interleaved.length / channels];
        for (int n = 0; n < out.length; n++) {
            out[n] = interleaved[n * channels + channel];
        }
        return out;
    }

    /** The lag in 0..maxLag at which {@code output} best matches {@code input} (normalised cross-correlation). */
    static int delay(double[] input, double[] output, int maxLag) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = 0; lag <= maxLag; lag++) {
            double xy = 0;
            double yy = 0;
            for (int n = 0; n + lag < output.length && n < input.length; n++) {
                xy += input[n] * output[n + lag];
                yy += output[n + lag] * output[n + lag];
            }
            double score = yy == 0 ? 0 : xy / Math.sqrt(yy);
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        return best;
    }

    /**
     * Signal-to-noise ratio in dB of {@code output} against {@code input} delayed by {@code delay}, over input
     * samples {@code from..to}, after scaling the input by the least-squares gain.
     */
    static double snrDb(double[] input, double[] output, int delay, int from, int to) {
        double xy = 0;
        double xx = 0;
        for (int n = from; n < to; n++) {
            xy += input[n] * output[n + delay];
            xx += input[n] * input[n];
        }
        double gain = xy / xx;
        double signal = 0;
        double noise = 0;
        for (int n = from; n < to; n++) {
            double expected = gain * input[n];
            double error = output[n + delay] - expected;
            signal += expected * expected;
            noise += error * error;
        }
        return 10 * Math.log10(signal / noise);
    }

    /** The frequency in {@code fromHz..toHz} (1 Hz steps) with the most energy, by the Goertzel algorithm. */
    static int dominantHz(double[] x, int from, int to, int fromHz, int toHz) {
        int best = fromHz;
        double bestPower = -1;
        for (int hz = fromHz; hz <= toHz; hz++) {
            double coefficient = 2 * Math.cos(2 * Math.PI * hz / RATE);
            double s1 = 0;
            double s2 = 0;
            for (int n = from; n < to; n++) {
                double s0 = x[n] + coefficient * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
            if (power > bestPower) {
                bestPower = power;
                best = hz;
            }
        }
        return best;
    }

    /** Pearson correlation of two equally long ranges. */
    static double correlation(double[] a, int aFrom, double[] b, int bFrom, int length) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < length; i++) {
            ma += a[aFrom + i];
            mb += b[bFrom + i];
        }
        ma /= length;
        mb /= length;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < length; i++) {
            double da = a[aFrom + i] - ma;
            double db = b[bFrom + i] - mb;
            ab += da * db;
            aa += da * da;
            bb += db * db;
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** Root mean square of a range. */
    static double rms(short[] x, int from, int to) {
        double sum = 0;
        for (int n = from; n < to; n++) {
            sum += (double) x[n] * x[n];
        }
        return Math.sqrt(sum / (to - from));
    }
}
