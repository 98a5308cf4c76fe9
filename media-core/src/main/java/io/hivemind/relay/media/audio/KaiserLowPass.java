package io.hivemind.relay.media.audio;

/**
 * Windowed-sinc low-pass FIR design with a Kaiser window (Kaiser 1974; Oppenheim &amp; Schafer, "Discrete-Time Signal
 * Processing", §7.6). The window's {@code beta} and the filter length follow from the wanted stopband attenuation and
 * transition width by Kaiser's empirical formulas, so the filter is as short as the specification allows: a shorter
 * filter is a smaller group delay, which matters more in a voice path than the last dB of attenuation.
 *
 * <p>Frequencies are normalised to the rate the filter runs at (cycles per sample, 0..0.5). The ideal cut-off is put
 * half-way through the transition band; the window then spreads the transition symmetrically around it, and the
 * ripple {@code delta = 10^(-A/20)} is the same in the passband and the stopband.
 */
final class KaiserLowPass {

    private KaiserLowPass() {
    }

    /** Kaiser's {@code beta} for a stopband attenuation in dB (O&amp;S eq. 7.62). */
    static double beta(double attenuationDb) {
        if (attenuationDb > 50) {
            return 0.1102 * (attenuationDb - 8.7);
        }
        if (attenuationDb >= 21) {
            return 0.5842 * Math.pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21);
        }
        return 0;
    }

    /**
     * The minimum number of taps for the attenuation and the normalised transition width (O&amp;S eq. 7.63:
     * {@code N - 1 = (A - 7.95) / (2.285 * 2 * pi * deltaF)}).
     */
    static long minimumLength(double attenuationDb, double transitionWidth) {
        double order = (attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transitionWidth);
        return (long) Math.ceil(order) + 1;
    }

    /**
     * Designs {@code length} taps of a linear-phase low-pass with cut-off {@code cutoff} (cycles per sample, where the
     * ideal response falls to one half) and a Kaiser window of the given {@code beta}. The taps are symmetric, so the
     * group delay is exactly {@code (length - 1) / 2} samples. DC gain is 1.
     */
    static double[] design(int length, double cutoff, double beta) {
        if (length < 1 || !(cutoff > 0 && cutoff < 0.5) || beta < 0) {
            throw new IllegalArgumentException("length=" + length + " cutoff=" + cutoff + " beta=" + beta);
        }
        double[] taps = new double[length];
        double centre = (length - 1) / 2.0;
        double i0Beta = besselI0(beta);
        double sum = 0;
        for (int n = 0; n < length; n++) {
            double t = n - centre;
            double sinc = t == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            double r = centre == 0 ? 0 : t / centre;
            double window = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
            taps[n] = sinc * window;
            sum += taps[n];
        }
        for (int n = 0; n < length; n++) {
            taps[n] /= sum;
        }
        return taps;
    }

    /** Zeroth-order modified Bessel function of the first kind, by its power series (converges fast for x &lt; 30). */
    static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        double halfX = x / 2;
        for (int k = 1; k < 200 && term > 1e-17 * sum; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
        }
        return sum;
    }
}
