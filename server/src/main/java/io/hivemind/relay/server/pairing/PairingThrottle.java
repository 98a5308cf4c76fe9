package io.hivemind.relay.server.pairing;

import io.hivemind.relay.signaling.http.RateLimitedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Limits failed pairing attempts, so a 50-bit code cannot be guessed in its five minutes: at most
 * {@link Limits#perAddress()} failures per remote address within {@link Limits#addressWindow()} and
 * {@link Limits#global()} failures from everyone within {@link Limits#globalWindow()} (the global limit stops an
 * attacker with many addresses). Sliding windows over failure times; while a limit is reached every attempt from
 * that address (or every attempt, for the global one) is refused with {@code rate_limited} and the time until the
 * oldest counted failure leaves its window. Memory stays bounded: the global limit caps how many failures exist at
 * once. Thread-safe.
 */
final class PairingThrottle {

    /** The limits; {@link #DEFAULT} is 5 per address per 5 minutes and 50 per minute overall. */
    record Limits(int perAddress, Duration addressWindow, int global, Duration globalWindow) {
        static final Limits DEFAULT = new Limits(5, Duration.ofMinutes(5), 50, Duration.ofMinutes(1));
    }

    private final Limits limits;
    private final Map<String, Deque<Instant>> byAddress = new HashMap<>();
    private final Deque<Instant> all = new ArrayDeque<>();

    PairingThrottle(Limits limits) {
        this.limits = limits;
    }

    /** Refuses with {@link RateLimitedException} when {@code address} (or everyone) used up its failures. */
    synchronized void check(String address, Instant now) {
        expire(now);
        if (all.size() >= limits.global()) {
            throw new RateLimitedException("too many failed pairing attempts; try again later",
                    Duration.between(now, all.peekFirst().plus(limits.globalWindow())));
        }
        Deque<Instant> failures = byAddress.get(address);
        if (failures != null && failures.size() >= limits.perAddress()) {
            throw new RateLimitedException("too many failed pairing attempts from this address; try again later",
                    Duration.between(now, failures.peekFirst().plus(limits.addressWindow())));
        }
    }

    /** Counts a failed attempt from {@code address}. */
    synchronized void failed(String address, Instant now) {
        expire(now);
        all.addLast(now);
        byAddress.computeIfAbsent(address, key -> new ArrayDeque<>()).addLast(now);
    }

    private void expire(Instant now) {
        while (!all.isEmpty() && !all.peekFirst().plus(limits.globalWindow()).isAfter(now)) {
            all.removeFirst();
        }
        for (Iterator<Deque<Instant>> it = byAddress.values().iterator(); it.hasNext(); ) {
            Deque<Instant> failures = it.next();
            while (!failures.isEmpty() && !failures.peekFirst().plus(limits.addressWindow()).isAfter(now)) {
                failures.removeFirst();
            }
            if (failures.isEmpty()) {
                it.remove();
            }
        }
    }
}
