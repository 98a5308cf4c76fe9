package io.hivemind.relay.server.pairing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A device's bearer secret: 256 random bits, base64url without padding (43 characters, never a '.', so it cannot
 * be mistaken for a JWT). Handed to the device once; the relay keeps only {@link #sha256()}. {@link #toString()}
 * never shows the value.
 */
public final class DeviceToken {

    static final int RANDOM_BYTES = 32;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String value;

    private DeviceToken(String value) {
        this.value = value;
    }

    static DeviceToken generate(SecureRandom random) {
        byte[] bits = new byte[RANDOM_BYTES];
        random.nextBytes(bits);
        return new DeviceToken(BASE64URL.encodeToString(bits));
    }

    /** The secret itself: only for the one answer that hands it to the device. */
    String value() {
        return value;
    }

    /** The SHA-256 of the token as presented: what is stored and looked up. */
    byte[] sha256() {
        return sha256(value);
    }

    static byte[] sha256(String presented) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(presented.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "DeviceToken[redacted]";
    }
}
