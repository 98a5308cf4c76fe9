package io.hivemind.relay.media.srtp;

/**
 * RFC 3711 §4.3 key derivation with key_derivation_rate 0: the AES-CM PRF keyed with the master key, run from
 * x = (label * 2^48) XOR master_salt placed in the high 112 bits of the counter (§4.3.1, §4.3.3). RFC 7714 §11 uses
 * the same PRF for the AEAD profiles with a 96-bit salt, which is simply a shorter output of label 0x02 / 0x05.
 *
 * <pre>
 *   label  SRTP  SRTCP
 *   enc    0x00  0x03
 *   auth   0x01  0x04
 *   salt   0x02  0x05
 * </pre>
 */
public final class SrtpKeyDerivation {

    static final int LABEL_RTP_ENCRYPTION = 0x00;
    static final int LABEL_RTP_AUTH = 0x01;
    static final int LABEL_RTP_SALT = 0x02;
    static final int LABEL_RTCP_ENCRYPTION = 0x03;
    static final int LABEL_RTCP_AUTH = 0x04;
    static final int LABEL_RTCP_SALT = 0x05;

    /** The label byte sits at octet 7 of the 14-byte key_id-aligned salt (label * 2^48 in a 112-bit value). */
    private static final int LABEL_OCTET = 7;

    /** Session keys for SRTP (labels 0x00..0x02). */
    public static SrtpSessionKeys rtpKeys(SrtpProfile profile, SrtpMasterKey master) {
        return new SrtpKeyDerivation(profile, master).keys(LABEL_RTP_ENCRYPTION, LABEL_RTP_AUTH, LABEL_RTP_SALT);
    }

    /** Session keys for SRTCP (labels 0x03..0x05). */
    public static SrtpSessionKeys rtcpKeys(SrtpProfile profile, SrtpMasterKey master) {
        return new SrtpKeyDerivation(profile, master).keys(LABEL_RTCP_ENCRYPTION, LABEL_RTCP_AUTH, LABEL_RTCP_SALT);
    }

    private final SrtpProfile profile;
    private final AesKeystream prf;
    private final byte[] masterSalt;

    private SrtpKeyDerivation(SrtpProfile profile, SrtpMasterKey master) {
        if (!master.fits(profile)) {
            throw new IllegalArgumentException("master key/salt lengths do not fit " + profile);
        }
        this.profile = profile;
        this.prf = new AesKeystream(master.key());
        this.masterSalt = master.salt();
    }

    private SrtpSessionKeys keys(int encLabel, int authLabel, int saltLabel) {
        byte[] auth = profile.isAead() ? new byte[0] : derive(prf, masterSalt, authLabel, SrtpProfile.AUTH_KEY_LENGTH);
        return new SrtpSessionKeys(derive(prf, masterSalt, encLabel, profile.masterKeyLength()), auth,
                derive(prf, masterSalt, saltLabel, profile.masterSaltLength()));
    }

    /**
     * One PRF output: the first {@code length} bytes of the AES-CM keystream under the master key, starting from
     * IV = (master_salt XOR label * 2^48) * 2^16 (§4.3.1 with r = 0, so key_id = label * 2^48).
     */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        return derive(new AesKeystream(masterKey), masterSalt, label, length);
    }

    private static byte[] derive(AesKeystream prf, byte[] masterSalt, int label, int length) {
        byte[] iv = new byte[AesKeystream.BLOCK];
        System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length);
        iv[LABEL_OCTET] ^= (byte) label;
        byte[] out = new byte[length];
        prf.xor(iv, out, 0, length);
        return out;
    }
}
