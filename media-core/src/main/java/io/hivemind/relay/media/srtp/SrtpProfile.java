package io.hivemind.relay.media.srtp;

/**
 * The SRTP protection profiles the relay speaks, with their DTLS-SRTP identifiers (RFC 5764 §4.1.2, RFC 7714 §14.2)
 * and transform parameters.
 *
 * <p>AES-CM profiles (RFC 3711 §4.1.1, §4.2.1): 128-bit key, 112-bit salt, HMAC-SHA1 with a 160-bit auth key. The
 * {@code _32} profile shortens only the SRTP tag; SRTCP keeps its 80-bit tag (RFC 5764 §4.1.2). AEAD profiles
 * (RFC 7714 §12): AES-GCM with a 96-bit salt and a 16-byte tag on both SRTP and SRTCP, no separate auth key.
 */
public enum SrtpProfile {
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14, 10, 10),
    AES_CM_128_HMAC_SHA1_32(0x0002, 16, 14, 4, 10),
    AEAD_AES_128_GCM(0x0007, 16, 12, 16, 16),
    AEAD_AES_256_GCM(0x0008, 32, 12, 16, 16);

    /** HMAC-SHA1 session authentication key length, RFC 3711 §8.2 (n_a = 160). */
    public static final int AUTH_KEY_LENGTH = 20;

    private final int protectionProfileId;
    private final int masterKeyLength;
    private final int masterSaltLength;
    private final int rtpTagLength;
    private final int rtcpTagLength;

    SrtpProfile(int protectionProfileId, int masterKeyLength, int masterSaltLength, int rtpTagLength,
                int rtcpTagLength) {
        this.protectionProfileId = protectionProfileId;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
    }

    /** The two-byte SRTPProtectionProfile value of the DTLS use_srtp extension. */
    public int protectionProfileId() {
        return protectionProfileId;
    }

    /** Master key length in bytes; the session encryption key has the same length. */
    public int masterKeyLength() {
        return masterKeyLength;
    }

    /** Master salt length in bytes; the session salt has the same length (14 for AES-CM, 12 for GCM). */
    public int masterSaltLength() {
        return masterSaltLength;
    }

    /** Bytes the SRTP authentication tag adds to an RTP packet. */
    public int rtpTagLength() {
        return rtpTagLength;
    }

    /** Bytes the SRTCP authentication tag adds, not counting the 4-byte E-flag/index trailer. */
    public int rtcpTagLength() {
        return rtcpTagLength;
    }

    /** True for the AES-GCM AEAD profiles of RFC 7714. */
    public boolean isAead() {
        return this == AEAD_AES_128_GCM || this == AEAD_AES_256_GCM;
    }

    /**
     * The profile a DTLS use_srtp extension negotiated.
     *
     * @return the profile, or {@code null} for an identifier the relay does not implement
     */
    public static SrtpProfile forProtectionProfileId(int id) {
        for (SrtpProfile profile : values()) {
            if (profile.protectionProfileId == id) {
                return profile;
            }
        }
        return null;
    }
}
