package io.hivemind.relay.hub.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@link RealtimeListener} that records everything for assertions and lets a test wait (up to 10 s) for it.
 * An optional reaction runs on the client's loop for every event, as a voice worker's would.
 */
public final class RecordingListener implements RealtimeListener {

    /** One reconnection notice. */
    public record Reconnecting(int attempt, Duration delay, String reason) {
    }

    private static final long WAIT_NANOS = Duration.ofSeconds(10).toNanos();

    private final List<RealtimeServerEvent> events = new ArrayList<>();
    private final List<Reconnecting> reconnecting = new ArrayList<>();
    private final List<Duration> reconnected = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();
    private volatile Consumer<RealtimeServerEvent> reaction = event -> { };

    /** Runs {@code reaction} on the client's loop for each event after recording it. */
    public void react(Consumer<RealtimeServerEvent> reaction) {
        this.reaction = reaction;
    }

    @Override
    public void onEvent(RealtimeServerEvent event) {
        synchronized (this) {
            events.add(event);
            notifyAll();
        }
        reaction.accept(event);
    }

    @Override
    public synchronized void onReconnecting(int attempt, Duration delay, String reason) {
        reconnecting.add(new Reconnecting(attempt, delay, reason));
        notifyAll();
    }

    @Override
    public synchronized void onReconnected(Duration gap) {
        reconnected.add(gap);
        notifyAll();
    }

    @Override
    public synchronized void onClosed(String reason) {
        closed.add(reason);
        notifyAll();
    }

    public synchronized List<RealtimeServerEvent> events() {
        return List.copyOf(events);
    }

    /** The events of {@code type}, in order. */
    public synchronized <T extends RealtimeServerEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public synchronized List<Reconnecting> reconnecting() {
        return List.copyOf(reconnecting);
    }

    public synchronized List<Duration> reconnected() {
        return List.copyOf(reconnected);
    }

    public synchronized List<String> closed() {
        return List.copyOf(closed);
    }

    /** Waits until {@code count} events of {@code type} arrived; returns all of that type. */
    public <T extends RealtimeServerEvent> List<T> await(Class<T> type, int count) {
        awaitCondition(() -> events(type).size() >= count, count + " " + type.getSimpleName());
        return events(type);
    }

    /** Waits until an event of {@code type} matching {@code test} arrived; returns the first such. */
    public <T extends RealtimeServerEvent> T await(Class<T> type, Predicate<T> test) {
        awaitCondition(() -> events(type).stream().anyMatch(test), "a matching " + type.getSimpleName());
        return events(type).stream().filter(test).findFirst().orElseThrow();
    }

    public synchronized void awaitCondition(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + what + "; events so far " + events
                        + ", closed " + closed);
            }
            try {
                // Conditions on the client's own counters are not notified: look again every 10 ms.
                wait(Math.max(1, Math.min(10, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
