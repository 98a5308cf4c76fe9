package io.hivemind.relay.media.time;

/**
 * A monotonic clock in nanoseconds. Everything time-driven in the relay (jitter buffer, consent freshness, RTCP
 * intervals, pacing) takes its time from an injected {@code NanoClock}, so tests drive time by hand instead of
 * sleeping.
 */
@FunctionalInterface
public interface NanoClock {

    /** Monotonic nanoseconds; only differences between two readings are meaningful. */
    long nanoTime();

    /** The JVM's monotonic clock ({@link System#nanoTime()}). */
    NanoClock SYSTEM = System::nanoTime;
}
