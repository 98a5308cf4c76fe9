package io.hivemind.relay.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A phone (or any client) paired with the relay. Holds neither the device token nor its hash, so it may be logged
 * and listed.
 *
 * @param lastSeenAt when the device's token was last accepted (to the minute), or null if never
 * @param revokedAt  when an admin revoked the device, or null while it is valid
 */
public record PairedDevice(String id, String name, Instant createdAt, Instant lastSeenAt, Instant revokedAt) {

    public PairedDevice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether the device has been revoked. */
    public boolean revoked() {
        return revokedAt != null;
    }

    /** This device seen at {@code at}. */
    public PairedDevice seenAt(Instant at) {
        return new PairedDevice(id, name, createdAt, at, revokedAt);
    }

    /** This device revoked at {@code at}. */
    public PairedDevice revokedAt(Instant at) {
        return new PairedDevice(id, name, createdAt, lastSeenAt, at);
    }
}
