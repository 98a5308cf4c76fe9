package io.hivemind.relay.hub.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link ReconnectScheduler} that records each delay and runs the task only when the test says so. */
public final class ManualScheduler implements ReconnectScheduler {

    private final List<Duration> delays = new ArrayList<>();
    private final List<Runnable> pending = new ArrayList<>();

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        delays.add(delay);
        pending.add(task);
        notifyAll();
    }

    public synchronized List<Duration> delays() {
        return List.copyOf(delays);
    }

    /** Waits (up to 10 s) until {@code count} tasks were scheduled in all. */
    public synchronized void awaitScheduled(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (delays.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + count + " scheduled reconnections; got "
                        + delays);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Runs every task scheduled so far, as if their delays had passed. */
    public void runPending() {
        List<Runnable> due;
        synchronized (this) {
            due = List.copyOf(pending);
            pending.clear();
        }
        due.forEach(Runnable::run);
    }
}
