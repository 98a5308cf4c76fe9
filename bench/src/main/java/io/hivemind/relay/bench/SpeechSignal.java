package io.hivemind.relay.bench;

/**
 * A deterministic speech-like test signal: voice harmonics (150 Hz fundamental and formant-ish partials) under a
 * 4 Hz syllable envelope, mono 48 kHz. Opus codes it in its speech modes, so packet sizes and encoder work resemble
 * a talker's rather than a tone's or silence's.
 */
public final class SpeechSignal {

    private static final double[] HARMONICS = {150, 300, 450, 750, 1200, 2400};
    private static final double[] WEIGHTS = {1.0, 0.7, 0.5, 0.35, 0.2, 0.1};

    private SpeechSignal() {
    }

    /** {@code samples} samples at 48 kHz. */
    public static short[] generate(int samples) {
        short[] pcm = new short[samples];
        for (int n = 0; n < samples; n++) {
            double t = n / 48_000.0;
            double envelope = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
            double v = 0;
            for (int h = 0; h < HARMONICS.length; h++) {
                v += WEIGHTS[h] * Math.sin(2 * Math.PI * HARMONICS[h] * t + h);
            }
            pcm[n] = (short) Math.round(3500 * envelope * v);
        }
        return pcm;
    }
}
