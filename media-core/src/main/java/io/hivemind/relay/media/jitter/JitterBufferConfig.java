package io.hivemind.relay.media.jitter;

/**
 * Sizing and delay bounds of a {@link JitterBuffer}.
 *
 * @param clockRate       RTP clock rate in Hz (48000 for Opus, RFC 7587 section 4.1)
 * @param frameSamples    duration of one playout frame in RTP clock ticks (960 = 20 ms at 48 kHz); the unit of
 *                        concealment, silence and the target delay's rounding
 * @param capacity        packet slots, a power of two; bounds memory and the reorder window
 * @param maxPayloadBytes largest payload kept; a bigger one is dropped and counted
 * @param minDelayMs      lower clamp of the target delay
 * @param maxDelayMs      upper clamp of the target delay
 * @param startDelayMs    target delay assumed before any jitter has been measured
 * @param quantile        share of packets the target delay should cover, e.g. 0.95
 * @param maxConcealMs    how long an empty buffer is concealed before it is treated as a pause (silence)
 */
public record JitterBufferConfig(int clockRate, int frameSamples, int capacity, int maxPayloadBytes, int minDelayMs,
                                 int maxDelayMs, int startDelayMs, double quantile, int maxConcealMs) {

    public JitterBufferConfig {
        if (clockRate < 1000 || frameSamples <= 0 || frameSamples > clockRate) {
            throw new IllegalArgumentException("bad clock " + clockRate + " Hz / frame " + frameSamples);
        }
        if (capacity < 4 || capacity > 1 << 14 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two in 4..16384: " + capacity);
        }
        if (maxPayloadBytes <= 0 || maxPayloadBytes > 65536) {
            throw new IllegalArgumentException("maxPayloadBytes: " + maxPayloadBytes);
        }
        if (minDelayMs < 0 || maxDelayMs < minDelayMs || maxDelayMs > 10_000) {
            throw new IllegalArgumentException("delay bounds " + minDelayMs + ".." + maxDelayMs + " ms");
        }
        if (startDelayMs < minDelayMs || startDelayMs > maxDelayMs) {
            throw new IllegalArgumentException("startDelayMs outside the bounds: " + startDelayMs);
        }
        if (!(quantile > 0.5 && quantile < 1)) {
            throw new IllegalArgumentException("quantile must be in (0.5, 1): " + quantile);
        }
        if (maxConcealMs < 0) {
            throw new IllegalArgumentException("maxConcealMs: " + maxConcealMs);
        }
    }

    /** Opus at 48 kHz in 20 ms frames: 64 slots (1.28 s), 1500-byte payloads, 20..400 ms target, 95th percentile. */
    public static JitterBufferConfig opus() {
        return new JitterBufferConfig(48_000, 960, 64, 1500, 20, 400, 80, 0.95, 100);
    }

    long frameNanos() {
        return samplesToNanos(frameSamples);
    }

    long samplesToNanos(long samples) {
        return samples / clockRate * 1_000_000_000L + samples % clockRate * 1_000_000_000L / clockRate;
    }

    long nanosToSamples(long nanos) {
        return nanos / 1_000_000_000L * clockRate + nanos % 1_000_000_000L * clockRate / 1_000_000_000L;
    }
}
