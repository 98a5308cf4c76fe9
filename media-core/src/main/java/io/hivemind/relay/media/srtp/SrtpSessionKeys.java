package io.hivemind.relay.media.srtp;

import java.util.Arrays;

/**
 * The session keys RFC 3711 §4.3 derives from one master key for one of SRTP or SRTCP: encryption key k_e, salt k_s
 * and, for the HMAC profiles, authentication key k_a (empty for AEAD, RFC 7714 §11). Redacted in {@link #toString()}.
 */
public record SrtpSessionKeys(byte[] encryptionKey, byte[] authKey, byte[] salt) {

    public SrtpSessionKeys {
        encryptionKey = encryptionKey.clone();
        authKey = authKey.clone();
        salt = salt.clone();
    }

    @Override
    public byte[] encryptionKey() {
        return encryptionKey.clone();
    }

    @Override
    public byte[] authKey() {
        return authKey.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SrtpSessionKeys that && Arrays.equals(encryptionKey, that.encryptionKey)
                && Arrays.equals(authKey, that.authKey) && Arrays.equals(salt, that.salt);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encryptionKey) * 961 + Arrays.hashCode(authKey) * 31 + Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return "SrtpSessionKeys[<redacted>]";
    }
}
