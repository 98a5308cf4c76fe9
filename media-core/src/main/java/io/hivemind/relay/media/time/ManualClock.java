package io.hivemind.relay.media.time;

import java.util.concurrent.TimeUnit;

/** A clock that moves only when told to: for tests and simulations. Not thread-safe beyond visibility. */
public final class ManualClock implements NanoClock {
    private volatile long nanos;

    public ManualClock() {
        this(0);
    }

    public ManualClock(long startNanos) {
        this.nanos = startNanos;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    /** Moves the clock forward; time never goes backwards. */
    public ManualClock advance(long amount, TimeUnit unit) {
        long delta = unit.toNanos(amount);
        if (delta < 0) {
            throw new IllegalArgumentException("a monotonic clock cannot go back: " + delta);
        }
        nanos += delta;
        return this;
    }

    public ManualClock advanceMillis(long millis) {
        return advance(millis, TimeUnit.MILLISECONDS);
    }
}
