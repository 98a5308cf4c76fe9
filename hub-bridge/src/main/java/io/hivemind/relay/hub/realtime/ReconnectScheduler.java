package io.hivemind.relay.hub.realtime;

import java.time.Duration;

/**
 * Runs a reconnection attempt after a delay. Production schedules on the client's event loop; tests inject one that
 * records the delays and runs the task when the test says, so no test waits out a backoff.
 */
@FunctionalInterface
public interface ReconnectScheduler {

    /** Runs {@code task} once after {@code delay}, on any thread (the client moves it to its own loop). */
    void schedule(Duration delay, Runnable task);
}
