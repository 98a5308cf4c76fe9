package io.hivemind.relay.signaling.auth;

import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * API key to HS256 secret. Keys are public identifiers (the {@code iss} of tokens); secrets never leave this class
 * except into the HMAC, and {@link #toString()} lists keys only.
 */
public final class ApiKeyStore {

    /** The key used when none is configured; only acceptable on a loopback address. */
    public static final String DEVELOPMENT_KEY = "devkey";
    /** Public on purpose: it protects nothing beyond one developer's loopback interface. */
    public static final String DEVELOPMENT_SECRET = "hivemind-relay-development-secret";
    /** HS256 secrets shorter than the hash output (RFC 7518 section 3.2) are refused. */
    public static final int MIN_SECRET_BYTES = 32;

    private final Map<String, String> secrets;

    public ApiKeyStore(Map<String, String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one API key is needed");
        }
        for (Map.Entry<String, String> entry : secrets.entrySet()) {
            if (entry.getKey().isBlank()) {
                throw new IllegalArgumentException("empty API key");
            }
            if (entry.getValue().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("the secret of API key " + entry.getKey()
                        + " is shorter than " + MIN_SECRET_BYTES + " bytes");
            }
        }
        this.secrets = Map.copyOf(secrets);
    }

    /** The well-known development pair ({@link #DEVELOPMENT_KEY}). */
    public static ApiKeyStore development() {
        return new ApiKeyStore(Map.of(DEVELOPMENT_KEY, DEVELOPMENT_SECRET));
    }

    public boolean isDevelopment() {
        return DEVELOPMENT_SECRET.equals(secrets.get(DEVELOPMENT_KEY));
    }

    /** The configured API keys (public identifiers). */
    public Set<String> keys() {
        return new TreeSet<>(secrets.keySet());
    }

    /** The secret of {@code apiKey}; {@link ErrorCode#UNKNOWN_API_KEY} when there is none. */
    String secretOf(String apiKey) {
        String secret = apiKey == null ? null : secrets.get(apiKey);
        if (secret == null) {
            throw new SignalingException(ErrorCode.UNKNOWN_API_KEY, "token issuer is not a known API key");
        }
        return secret;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKeyStore store && store.secrets.equals(secrets);
    }

    @Override
    public int hashCode() {
        return secrets.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKeyStore" + keys() + " (secrets redacted)";
    }
}
