package io.hivemind.relay.hub.voice;

import java.util.List;

/** Test tones and their analysis: sine generation, PCM16 little-endian conversion, Goertzel energy shares. */
public final class Tones {
    private Tones() {
    }

    /** {@code samples} of a sine at {@code hz}, starting at sample index {@code from} of an endless tone. */
    public static short[] sine(double hz, int rate, long from, int samples, double amplitude) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * (from + i) / rate));
        }
        return pcm;
    }

    public static byte[] littleEndian(short[] pcm) {
        byte[] bytes = new byte[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            bytes[2 * i] = (byte) pcm[i];
            bytes[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        return bytes;
    }

    public static short[] fromLittleEndian(List<byte[]> chunks) {
        int total = chunks.stream().mapToInt(c -> c.length / 2).sum();
        short[] pcm = new short[total];
        int n = 0;
        for (byte[] chunk : chunks) {
            for (int i = 0; i + 1 < chunk.length; i += 2) {
                pcm[n++] = (short) ((chunk[i] & 0xFF) | chunk[i + 1] << 8);
            }
        }
        return pcm;
    }

    /**
     * The share of the signal's energy at {@code hz} (Goertzel over the whole signal, Hann-windowed so a tone
     * between bins does not leak): about 1 for a pure tone at {@code hz}, about 0.5 each for two equal tones, near 0
     * for a frequency that is absent.
     */
    public static double share(short[] pcm, double hz, int rate) {
        int n = pcm.length;
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / rate);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (int i = 0; i < n; i++) {
            double x = pcm[i] * hann(i, n);
            energy += x * x;
            double s0 = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        if (energy == 0) {
            return 0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        // A Hann-windowed tone of amplitude A: |X(f)|^2 = (A n / 4)^2 and its energy is 3 A^2 n / 16, so n / 3.
        return power / (energy * n / 3.0);
    }

    /** The frequency with the largest Goertzel energy, scanned in 5 Hz steps from 100 Hz to 4 kHz. */
    public static double dominantHz(short[] pcm, int rate) {
        double best = 0;
        double bestShare = -1;
        for (double hz = 100; hz <= 4000; hz += 5) {
            double s = share(pcm, hz, rate);
            if (s > bestShare) {
                bestShare = s;
                best = hz;
            }
        }
        return best;
    }

    private static double hann(int i, int n) {
        return 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
    }
}
