package io.hivemind.relay.server.store;

import java.util.Locale;

/** How a call reaches its agent: through a relay room, or browser-to-provider with a client secret (BYOK). */
public enum CallMode {
    ROOM,
    BYOK;

    /** The lower-case name stored in the database and shown to clients. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CallMode fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
