package io.hivemind.relay.sfu.ice;

import java.security.SecureRandom;

/**
 * An ICE username fragment and password (RFC 8445 §5.3, syntax RFC 8839 §5.4): ice-chars only, the ufrag at least
 * 4 characters and the password at least 22. {@link #toString()} never shows the password.
 *
 * @param ufrag    the username fragment, sent in SDP as {@code a=ice-ufrag}
 * @param password the password, sent in SDP as {@code a=ice-pwd}; a secret
 */
public record IceCredentials(String ufrag, String password) {

    /** RFC 8839 §5.4: ice-char = ALPHA / DIGIT / "+" / "/". */
    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    public static final int MIN_UFRAG_LENGTH = 4;
    public static final int MIN_PASSWORD_LENGTH = 22;
    public static final int MAX_LENGTH = 256;
    /** 8 ice-chars = 48 random bits: enough to keep ufrags of one server apart; the password carries the secret. */
    private static final int GENERATED_UFRAG_LENGTH = 8;
    /** 24 ice-chars = 144 random bits. */
    private static final int GENERATED_PASSWORD_LENGTH = 24;

    public IceCredentials {
        requireIceChars("ufrag", ufrag, MIN_UFRAG_LENGTH);
        requireIceChars("password", password, MIN_PASSWORD_LENGTH);
    }

    /** Fresh local credentials drawn from {@code random}. */
    public static IceCredentials random(SecureRandom random) {
        return new IceCredentials(randomIceChars(random, GENERATED_UFRAG_LENGTH),
                randomIceChars(random, GENERATED_PASSWORD_LENGTH));
    }

    private static String randomIceChars(SecureRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length()));
        }
        return new String(chars);
    }

    private static void requireIceChars(String what, String value, int minLength) {
        if (value == null || value.length() < minLength || value.length() > MAX_LENGTH) {
            // The value itself stays out of the message: it may be a password.
            throw new IllegalArgumentException("ICE " + what + " must be " + minLength + ".." + MAX_LENGTH
                    + " ice-chars");
        }
        for (int i = 0; i < value.length(); i++) {
            if (ICE_CHARS.indexOf(value.charAt(i)) < 0) {
                throw new IllegalArgumentException("ICE " + what + " has a character outside ice-char at " + i);
            }
        }
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", password=<redacted>]";
    }
}
