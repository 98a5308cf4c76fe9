package io.hivemind.relay.signaling.sdp;

import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code a=fingerprint:<hash> <XX:XX:...>} (RFC 8122 §5): the certificate digest DTLS checks the peer against.
 * Stored normalised (hash name lower case, hex upper case) so equal digests compare equal.
 */
public record Fingerprint(String hashFunction, String hex) implements SdpAttribute {

    public static final String SHA_256 = "sha-256";
    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    public Fingerprint {
        SdpGrammar.requireToken(hashFunction, "fingerprint hash function");
        hashFunction = hashFunction.toLowerCase(Locale.ROOT);
        byte[] digest = parseHex(hex);
        if (SHA_256.equals(hashFunction) && digest.length != 32) {
            throw new IllegalArgumentException("a sha-256 fingerprint has 32 bytes, got " + digest.length);
        }
        hex = COLON_HEX.formatHex(digest);
    }

    /** A SHA-256 fingerprint of the given 32-byte digest. */
    public static Fingerprint sha256(byte[] digest) {
        return new Fingerprint(SHA_256, COLON_HEX.formatHex(digest));
    }

    static Fingerprint parse(String value) {
        var words = SdpGrammar.words(value, 2, "fingerprint");
        return new Fingerprint(words.get(0), words.get(1));
    }

    private static byte[] parseHex(String hex) {
        if (hex.length() < 2 || hex.length() % 3 != 2) {
            throw new IllegalArgumentException("fingerprint is not colon-separated hex pairs");
        }
        try {
            return COLON_HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fingerprint is not colon-separated hex pairs", e);
        }
    }

    /** The digest bytes. */
    public byte[] digest() {
        return COLON_HEX.parseHex(hex);
    }

    @Override
    public String key() {
        return "fingerprint";
    }

    @Override
    public String value() {
        return hashFunction + " " + hex;
    }
}
