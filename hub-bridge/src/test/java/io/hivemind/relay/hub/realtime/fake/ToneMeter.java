package io.hivemind.relay.hub.realtime.fake;

import java.util.Arrays;

/** Measurements on 24 kHz PCM16 that tests make: tones in and out of the fake server. */
public final class ToneMeter {

    public static final int RATE = 24_000;

    private ToneMeter() {
    }

    /** Little-endian PCM16 bytes as samples. */
    public static short[] samples(byte[] pcm) {
        short[] out = new short[pcm.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) (pcm[2 * i] & 0xFF | pcm[2 * i + 1] << 8);
        }
        return out;
    }

    /** A sine of {@code hz} at {@code amplitude} as little-endian PCM16, starting at sample {@code first}. */
    public static byte[] tone(double hz, int amplitude, long first, int samples) {
        byte[] out = new byte[samples * 2];
        for (int n = 0; n < samples; n++) {
            int v = (int) Math.round(amplitude * Math.sin(2 * Math.PI * hz * (first + n) / RATE));
            out[2 * n] = (byte) v;
            out[2 * n + 1] = (byte) (v >> 8);
        }
        return out;
    }

    /**
     * The share (0..1) of the signal's energy at {@code hz}, by the Goertzel algorithm over the whole array: near 1
     * for a clean tone at that frequency, near 0 for another frequency or silence.
     */
    public static double energyShareAt(short[] x, double hz) {
        if (x.length == 0) {
            return 0;
        }
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / RATE);
        double s1 = 0;
        double s2 = 0;
        double total = 0;
        for (short sample : x) {
            double s0 = sample + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
            total += (double) sample * sample;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        // A pure tone of N samples has Goertzel power (A N / 2)^2 and energy A^2 N / 2.
        return total == 0 ? 0 : Math.min(1, 2 * power / (x.length * total));
    }

    /**
     * The share (0..1) of the signal's energy at {@code hz}, measured in 100 ms windows and weighted by their
     * energy: a tone that went through a jitter buffer may jump in phase, which one transform over the whole signal
     * would take for absence.
     */
    public static double windowedShareAt(short[] x, double hz) {
        int window = RATE / 10;
        double atTone = 0;
        double total = 0;
        for (int from = 0; from + window <= x.length; from += window) {
            short[] slice = Arrays.copyOfRange(x, from, from + window);
            double energy = 0;
            for (short sample : slice) {
                energy += (double) sample * sample;
            }
            atTone += energy * energyShareAt(slice, hz);
            total += energy;
        }
        return total == 0 ? 0 : atTone / total;
    }
}
