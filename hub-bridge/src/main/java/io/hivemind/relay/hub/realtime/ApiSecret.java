package io.hivemind.relay.hub.realtime;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential (API key or ephemeral client secret) that never shows itself: {@link #toString()} is redacted, so a
 * secret that ends up in a log line, an exception message or a record's {@code toString()} prints as
 * {@code [redacted]}. Only {@link #reveal()} gives the value, and only code that puts it on the wire calls it.
 */
public final class ApiSecret {

    /** The environment variable read first: a key used only for Realtime. */
    public static final String REALTIME_KEY_VARIABLE = "OPENAI_REALTIME_KEY";
    /** The environment variable read when {@link #REALTIME_KEY_VARIABLE} is unset or blank. */
    public static final String API_KEY_VARIABLE = "OPENAI_API_KEY";

    private final String value;

    private ApiSecret(String value) {
        this.value = value;
    }

    /** Wraps a non-blank secret. The message of the exception for a blank one does not quote it. */
    public static ApiSecret of(String value) {
        Objects.requireNonNull(value, "secret");
        if (value.isBlank()) {
            throw new IllegalArgumentException("secret is blank");
        }
        return new ApiSecret(value.strip());
    }

    /** The Realtime key from {@value #REALTIME_KEY_VARIABLE}, else {@value #API_KEY_VARIABLE}; empty when neither. */
    public static Optional<ApiSecret> fromEnvironment(Map<String, String> environment) {
        for (String name : new String[] {REALTIME_KEY_VARIABLE, API_KEY_VARIABLE}) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(of(value));
            }
        }
        return Optional.empty();
    }

    /** The secret itself, for the {@code Authorization} header. Never log or format it. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiSecret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "[redacted]";
    }
}
