package io.hivemind.relay.sfu.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate fingerprint as carried by the SDP {@code a=fingerprint} attribute (RFC 8122 §5): a hash function
 * name from the IANA "Hash Function Textual Names" registry and the hash of the DER certificate as upper-case hex
 * pairs separated by colons, e.g. {@code sha-256 AB:CD:...}. Only SHA-1 and the SHA-2 family are accepted; MD2/MD5
 * and unknown names are refused (RFC 8122 §5: MD2 and MD5 MUST NOT be used).
 */
public record DtlsFingerprint(Algorithm algorithm, byte[] hash) {

    /** The accepted hash functions, by their RFC 8122 textual names. */
    public enum Algorithm {
        SHA_1("sha-1", "SHA-1", 20),
        SHA_256("sha-256", "SHA-256", 32),
        SHA_384("sha-384", "SHA-384", 48),
        SHA_512("sha-512", "SHA-512", 64);

        private final String sdpName;
        private final String jcaName;
        private final int length;

        Algorithm(String sdpName, String jcaName, int length) {
            this.sdpName = sdpName;
            this.jcaName = jcaName;
            this.length = length;
        }

        /** The name used in SDP, e.g. {@code sha-256}. */
        public String sdpName() {
            return sdpName;
        }

        byte[] digest(byte[] data) {
            try {
                return MessageDigest.getInstance(jcaName).digest(data);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("JDK lacks " + jcaName, e);
            }
        }

        static Algorithm forSdpName(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (Algorithm algorithm : values()) {
                if (algorithm.sdpName.equals(lower)) {
                    return algorithm;
                }
            }
            throw new IllegalArgumentException("unsupported fingerprint hash function: " + abbreviate(name));
        }
    }

    public DtlsFingerprint {
        if (hash.length != algorithm.length) {
            throw new IllegalArgumentException(algorithm.sdpName + " fingerprint needs " + algorithm.length
                    + " bytes, got " + hash.length);
        }
        hash = hash.clone();
    }

    /** The fingerprint of a DER-encoded certificate. */
    public static DtlsFingerprint of(Algorithm algorithm, byte[] certificateDer) {
        return new DtlsFingerprint(algorithm, algorithm.digest(certificateDer));
    }

    /**
     * Parses the value of an {@code a=fingerprint} attribute: {@code <hash-func> SP <hex:hex:...>}, hex in either
     * case.
     *
     * @throws IllegalArgumentException with a message naming what is wrong
     */
    public static DtlsFingerprint parse(String value) {
        String trimmed = value.strip();
        int space = trimmed.indexOf(' ');
        if (space <= 0) {
            throw new IllegalArgumentException("fingerprint needs '<hash-func> <hex pairs>': " + abbreviate(trimmed));
        }
        Algorithm algorithm = Algorithm.forSdpName(trimmed.substring(0, space));
        String[] pairs = trimmed.substring(space + 1).strip().split(":", -1);
        if (pairs.length != algorithm.length) {
            throw new IllegalArgumentException(algorithm.sdpName + " fingerprint needs " + algorithm.length
                    + " hex pairs, got " + pairs.length);
        }
        byte[] hash = new byte[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            if (pair.length() != 2 || Character.digit(pair.charAt(0), 16) < 0
                    || Character.digit(pair.charAt(1), 16) < 0) {
                throw new IllegalArgumentException("fingerprint pair " + i + " is not two hex digits");
            }
            hash[i] = (byte) HexFormat.fromHexDigits(pair);
        }
        return new DtlsFingerprint(algorithm, hash);
    }

    /** True when {@code certificateDer} hashes to this fingerprint; compared in constant time. */
    public boolean matches(byte[] certificateDer) {
        return MessageDigest.isEqual(hash, algorithm.digest(certificateDer));
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /** The SDP form, e.g. {@code sha-256 AB:CD:...}. */
    public String toSdp() {
        return algorithm.sdpName + ' ' + HexFormat.ofDelimiter(":").withUpperCase().formatHex(hash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DtlsFingerprint that && algorithm == that.algorithm && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return toSdp();
    }

    private static String abbreviate(String text) {
        return text.length() <= 32 ? text : text.substring(0, 32) + "...";
    }
}
