package io.hivemind.relay.media.srtp;

import java.util.Arrays;

/**
 * An SRTP master key and master salt (RFC 3711 §3.2.1), the input of key derivation. Arrays are copied in and out so
 * the value cannot be changed from outside; {@link #toString()} never shows them.
 */
public record SrtpMasterKey(byte[] key, byte[] salt) {

    public SrtpMasterKey {
        key = key.clone();
        salt = salt.clone();
    }

    /** Checks the lengths against a profile (RFC 5764 §4.1.2, RFC 7714 §12). */
    public boolean fits(SrtpProfile profile) {
        return key.length == profile.masterKeyLength() && salt.length == profile.masterSaltLength();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SrtpMasterKey that && Arrays.equals(key, that.key) && Arrays.equals(salt, that.salt);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return "SrtpMasterKey[key=<" + key.length + " bytes redacted>, salt=<" + salt.length + " bytes redacted>]";
    }
}
