package io.hivemind.relay.media.audio;

/** Test signals, rounded to PCM16 the way a real source would deliver them. */
final class Tones {

    private Tones() {
    }

    /** {@code amplitude * cos(2 pi f n / rate + phase)}, rounded and clamped to 16 bits. */
    static short[] cosine(double frequency, double amplitude, double phase, double rate, int length) {
        short[] x = new short[length];
        for (int n = 0; n < length; n++) {
            long v = Math.round(amplitude * Math.cos(2 * Math.PI * frequency * n / rate + phase));
            x[n] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
        }
        return x;
    }

    static short[] cosine(double frequency, double amplitude, double rate, int length) {
        return cosine(frequency, amplitude, 0, rate, length);
    }

    /** Runs a whole signal through a fresh resampler in one call. */
    static short[] resample(Resampler resampler, short[] in) {
        short[] out = new short[resampler.outputLength(in.length)];
        int n = resampler.process(in, 0, in.length, out, 0);
        if (n != out.length) {
            throw new AssertionError("wrote " + n + ", promised " + out.length);
        }
        return out;
    }

    static double rms(short[] x, int from, int to) {
        double sum = 0;
        for (int n = from; n < to; n++) {
            sum += (double) x[n] * x[n];
        }
        return Math.sqrt(sum / (to - from));
    }
}
