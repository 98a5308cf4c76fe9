package io.hivemind.relay.media.srtp;

/**
 * AEAD_AES_128_GCM / AEAD_AES_256_GCM (RFC 7714). The 12-byte IV is the session salt XOR
 * (0x0000 || SSRC || ROC || SEQ) for SRTP (§8.1) and XOR (0x0000 || SSRC || 0x0000 || 0 || SRTCP index) for SRTCP
 * (§9.1). SRTP's AAD is the whole RTP header with CSRCs and extension (§8.2); SRTCP's AAD is the first 8 bytes and
 * the E/index word, or with E = 0 the whole packet and that word over an empty plaintext (§9.2). Layout:
 *
 * <pre>
 * SRTP:  | RTP header | ciphertext | tag (16) |
 * SRTCP: | first 8 bytes | ciphertext | tag (16) | E|SRTCP index |
 * </pre>
 */
final class AesGcmTransform implements SrtpTransform {

    private static final int IV_SSRC = 2;
    private static final int IV_ROC = 6;
    private static final int IV_SRTCP_INDEX = 8;

    private final AesGcm rtpGcm;
    private final byte[] rtpSalt;
    private final AesGcm rtcpGcm;
    private final byte[] rtcpSalt;
    private final byte[] iv = new byte[AesGcm.IV_LENGTH];
    private final byte[] trailerWord = new byte[SrtcpTrailer.LENGTH];

    AesGcmTransform(SrtpSessionKeys rtp, SrtpSessionKeys rtcp) {
        rtpGcm = new AesGcm(rtp.encryptionKey());
        rtpSalt = rtp.salt();
        rtcpGcm = new AesGcm(rtcp.encryptionKey());
        rtcpSalt = rtcp.salt();
    }

    @Override
    public void protectRtp(byte[] packet, int start, int payload, int end, int ssrc, long index) {
        rtpIv(ssrc, index);
        rtpGcm.start(iv);
        rtpGcm.aad(packet, start, payload - start);
        rtpGcm.encrypt(packet, payload, end - payload, packet, end);
    }

    @Override
    public boolean unprotectRtp(byte[] packet, int start, int payload, int end, int ssrc, long index) {
        rtpIv(ssrc, index);
        rtpGcm.start(iv);
        rtpGcm.aad(packet, start, payload - start);
        return rtpGcm.decrypt(packet, payload, end - payload, packet, end);
    }

    @Override
    public int protectRtcp(byte[] packet, int start, int end, int ssrc, int srtcpIndex) {
        int trailer = SrtcpTrailer.E_FLAG | srtcpIndex;
        int encrypted = start + SrtcpTrailer.CLEAR_HEADER_LENGTH;
        rtcpIv(ssrc, srtcpIndex);
        rtcpGcm.start(iv);
        rtcpGcm.aad(packet, start, SrtcpTrailer.CLEAR_HEADER_LENGTH);
        BigEndian.writeInt(trailerWord, 0, trailer);
        rtcpGcm.aad(trailerWord, 0, SrtcpTrailer.LENGTH);
        rtcpGcm.encrypt(packet, encrypted, end - encrypted, packet, end);
        int trailerAt = end + AesGcm.TAG_LENGTH;
        BigEndian.writeInt(packet, trailerAt, trailer);
        return trailerAt + SrtcpTrailer.LENGTH;
    }

    @Override
    public int unprotectRtcp(byte[] packet, int start, int end, int ssrc, int trailer) {
        int tagAt = end - SrtcpTrailer.LENGTH - AesGcm.TAG_LENGTH;
        rtcpIv(ssrc, SrtcpTrailer.index(trailer));
        rtcpGcm.start(iv);
        boolean verified;
        if (SrtcpTrailer.encrypted(trailer)) {
            int encrypted = start + SrtcpTrailer.CLEAR_HEADER_LENGTH;
            rtcpGcm.aad(packet, start, SrtcpTrailer.CLEAR_HEADER_LENGTH);
            rtcpGcm.aad(packet, tagAt + AesGcm.TAG_LENGTH, SrtcpTrailer.LENGTH);
            verified = rtcpGcm.decrypt(packet, encrypted, tagAt - encrypted, packet, tagAt);
        } else {
            rtcpGcm.aad(packet, start, tagAt - start);
            rtcpGcm.aad(packet, tagAt + AesGcm.TAG_LENGTH, SrtcpTrailer.LENGTH);
            verified = rtcpGcm.decrypt(packet, tagAt, 0, packet, tagAt);
        }
        return verified ? tagAt : -1;
    }

    private void rtpIv(int ssrc, long index) {
        iv[0] = 0;
        iv[1] = 0;
        BigEndian.writeInt(iv, IV_SSRC, ssrc);
        BigEndian.writeInt(iv, IV_ROC, (int) (index >>> 16));
        iv[10] = (byte) (index >>> 8);
        iv[11] = (byte) index;
        xorSalt(rtpSalt);
    }

    private void rtcpIv(int ssrc, int srtcpIndex) {
        iv[0] = 0;
        iv[1] = 0;
        BigEndian.writeInt(iv, IV_SSRC, ssrc);
        iv[6] = 0;
        iv[7] = 0;
        BigEndian.writeInt(iv, IV_SRTCP_INDEX, srtcpIndex & SrtcpTrailer.INDEX_MASK);
        xorSalt(rtcpSalt);
    }

    private void xorSalt(byte[] salt) {
        for (int i = 0; i < AesGcm.IV_LENGTH; i++) {
            iv[i] ^= salt[i];
        }
    }
}
