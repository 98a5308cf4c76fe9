package io.hivemind.relay.signaling.auth;

import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import java.util.Map;
import java.util.Optional;

/**
 * API key to HS256 secret. Keys are public identifiers (the {@code iss} of tokens); secrets never leave this class
 * except into the HMAC, and {@link #toString()} lists keys only.
 */
public final class ApiKeyStore {

    /** The environment variable HivemindOS sets for the API key (LiveKit's name). */
    public static final String KEY_VARIABLE = "LIVEKIT_API_KEY";
    /** The environment variable HivemindOS sets for the API secret (LiveKit's name). */
    public static final String SECRET_VARIABLE = "LIVEKIT_API_SECRET";
    /** HS256 secrets shorter than the hash output (RFC 7518 section 3.2) are refused. */
    public static final int MIN_SECRET_BYTES = 32;

    private final Map<String, String> secrets;

    public ApiKeyStore(Map<String, String> secrets) {
        for (Map.Entry<String, String> entry : secrets.entrySet()) {
            if (entry.getKey().isEmpty()) {
                throw new IllegalArgumentException("empty API key");
            }
            if (entry.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("the secret of API key " + entry.getKey()
                        + " is shorter than " + MIN_SECRET_BYTES + " bytes");
            }
        }
        this.secrets = Map.copyOf(secrets);
    }

    /**
     * The key pair from {@code LIVEKIT_API_KEY} / {@code LIVEKIT_API_SECRET} in {@code environment}, or empty
     * when neither is set.
     *
     * @throws IllegalArgumentException when only one of the two is set
     */
    public static Optional<ApiKeyStore> fromEnvironment(Map<String, String> environment) {
        String key = environment.get(KEY_VARIABLE);
        String secret = environment.get(SECRET_VARIABLE);
        if (key == null && secret == null) {
            return Optional.empty();
        }
        if (key == null || secret == null) {
            throw new IllegalArgumentException(KEY_VARIABLE + " and " + SECRET_VARIABLE + " must be set together");
        }
        return Optional.of(new ApiKeyStore(Map.of(key, secret)));
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
    public String toString() {
        return "ApiKeyStore" + new java.util.TreeSet<>(secrets.keySet()) + " (secrets redacted)";
    }
}
