package io.hivemind.relay.server.store;

import java.time.Duration;
import java.time.Instant;

/**
 * One call as stored. {@code endedAt}, {@code duration} and {@code endReason} are null while the call runs.
 *
 * @param error the error text the call ended with, or null
 */
public record CallRecord(long id, String caller, String agentId, CallMode mode, String room, Instant startedAt,
        Instant endedAt, Duration duration, String endReason, int toolCalls, String error) {

    /** Whether the call has ended. */
    public boolean ended() {
        return endedAt != null;
    }
}
