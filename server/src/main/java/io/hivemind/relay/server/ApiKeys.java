package io.hivemind.relay.server;

import java.util.Map;
import java.util.TreeMap;

/**
 * API key → secret pairs that sign and verify access tokens (HS256). Secrets never appear in {@link #toString()}.
 *
 * <p>With no keys configured the relay runs with one well-known development pair, which is only acceptable on a
 * loopback address ({@link RelayConfig} refuses anything else).
 */
public record ApiKeys(Map<String, String> secrets) {

    public static final String DEVELOPMENT_KEY = "devkey";
    /** Public on purpose: it protects nothing beyond one developer's loopback interface. */
    public static final String DEVELOPMENT_SECRET = "hivemind-relay-development-secret";
    /** HS256 wants a key at least as long as its 256-bit output. */
    public static final int MIN_SECRET_LENGTH = 32;

    public ApiKeys {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one API key is needed");
        }
        for (Map.Entry<String, String> pair : secrets.entrySet()) {
            if (pair.getKey() == null || pair.getKey().isBlank()) {
                throw new IllegalArgumentException("an API key name is empty");
            }
            String secret = pair.getValue();
            if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("the secret of API key " + pair.getKey() + " must have at least "
                        + MIN_SECRET_LENGTH + " characters");
            }
        }
        secrets = Map.copyOf(secrets);
    }

    public static ApiKeys development() {
        return new ApiKeys(Map.of(DEVELOPMENT_KEY, DEVELOPMENT_SECRET));
    }

    public boolean isDevelopment() {
        return DEVELOPMENT_SECRET.equals(secrets.get(DEVELOPMENT_KEY));
    }

    @Override
    public String toString() {
        return "ApiKeys" + new TreeMap<>(secrets).keySet() + " (secrets redacted)";
    }
}
