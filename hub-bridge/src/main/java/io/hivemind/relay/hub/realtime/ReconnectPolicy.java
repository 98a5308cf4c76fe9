package io.hivemind.relay.hub.realtime;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff between reconnection attempts: {@code initialDelay} doubling up to {@code maxDelay}, each
 * delay shortened by a random fraction up to {@code jitter} so that many workers cut off together do not return
 * together. After {@code maxAttempts} consecutive failures the client gives up.
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, int maxAttempts, double jitter) {

    /** 0.5 s doubling to 8 s, up to 8 attempts (about 40 s of trying), delays cut by up to 25 %. */
    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(8),
            8, 0.25);

    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be within [0, 1): " + jitter);
        }
    }

    /** The delay before attempt {@code attempt} (1-based). */
    public Duration delay(int attempt, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
        long nanos = initialDelay.toNanos();
        for (int i = 1; i < attempt && nanos < maxDelay.toNanos(); i++) {
            nanos *= 2;
        }
        nanos = Math.min(nanos, maxDelay.toNanos());
        double cut = jitter == 0 ? 0 : random.nextDouble(jitter);
        return Duration.ofNanos(Math.round(nanos * (1 - cut)));
    }
}
