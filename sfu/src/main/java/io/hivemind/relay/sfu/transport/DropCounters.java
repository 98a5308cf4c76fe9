package io.hivemind.relay.sfu.transport;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Per-socket drop counts by {@link DropReason}: plain longs written only by the socket's event loop (as Aeron's
 * system counters), read through {@link #snapshot()} run on that loop.
 */
public final class DropCounters {

    private static final DropReason[] REASONS = DropReason.values();

    private final long[] counts = new long[REASONS.length];

    /** Counts one drop. */
    public void increment(DropReason reason) {
        counts[reason.ordinal()]++;
    }

    public long count(DropReason reason) {
        return counts[reason.ordinal()];
    }

    /** A copy of every count, zeros included. Call on the owning loop. */
    public Map<DropReason, Long> snapshot() {
        EnumMap<DropReason, Long> copy = new EnumMap<>(DropReason.class);
        for (DropReason reason : REASONS) {
            copy.put(reason, counts[reason.ordinal()]);
        }
        return Collections.unmodifiableMap(copy);
    }
}
