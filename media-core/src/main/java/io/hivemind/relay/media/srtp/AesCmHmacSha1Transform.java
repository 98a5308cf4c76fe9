package io.hivemind.relay.media.srtp;

/**
 * AES_CM_128_HMAC_SHA1_80 / _32 (RFC 3711 §4.1.1, §4.2.1). SRTP is authenticated over header, encrypted payload and
 * ROC (§4.2); SRTCP over header, encrypted payload and the E/index word, and its tag follows that word (§3.4):
 *
 * <pre>
 * SRTP:  | RTP header | encrypted payload | auth tag (10 or 4) |
 * SRTCP: | first 8 bytes | encrypted rest | E|SRTCP index | auth tag (10) |
 * </pre>
 *
 * The counter block is IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16): the 14-byte salt, the SSRC in octets 4..7,
 * the 48-bit index in octets 8..13, and the block counter in the last two.
 */
final class AesCmHmacSha1Transform implements SrtpTransform {

    private static final int IV_SSRC = 4;
    private static final int IV_INDEX = 8;

    private final AesKeystream rtpCipher;
    private final HmacSha1 rtpMac;
    private final byte[] rtpSalt;
    private final AesKeystream rtcpCipher;
    private final HmacSha1 rtcpMac;
    private final byte[] rtcpSalt;
    private final int rtpTagLength;
    private final int rtcpTagLength;
    private final byte[] iv = new byte[AesKeystream.BLOCK];

    AesCmHmacSha1Transform(SrtpSessionKeys rtp, SrtpSessionKeys rtcp, int rtpTagLength, int rtcpTagLength) {
        rtpCipher = new AesKeystream(rtp.encryptionKey());
        rtpMac = new HmacSha1(rtp.authKey());
        rtpSalt = rtp.salt();
        rtcpCipher = new AesKeystream(rtcp.encryptionKey());
        rtcpMac = new HmacSha1(rtcp.authKey());
        rtcpSalt = rtcp.salt();
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
    }

    @Override
    public void protectRtp(byte[] packet, int start, int payload, int end, int ssrc, long index) {
        counterBlock(rtpSalt, ssrc, index);
        rtpCipher.xor(iv, packet, payload, end - payload);
        rtpMac.update(packet, start, end - start);
        rtpMac.updateInt((int) (index >>> 16));
        rtpMac.finish();
        System.arraycopy(rtpMac.tag(), 0, packet, end, rtpTagLength);
    }

    @Override
    public boolean unprotectRtp(byte[] packet, int start, int payload, int end, int ssrc, long index) {
        rtpMac.update(packet, start, end - start);
        rtpMac.updateInt((int) (index >>> 16));
        rtpMac.finish();
        if (!rtpMac.matches(packet, end, rtpTagLength)) {
            return false;
        }
        counterBlock(rtpSalt, ssrc, index);
        rtpCipher.xor(iv, packet, payload, end - payload);
        return true;
    }

    @Override
    public int protectRtcp(byte[] packet, int start, int end, int ssrc, int srtcpIndex) {
        int encrypted = start + SrtcpTrailer.CLEAR_HEADER_LENGTH;
        counterBlock(rtcpSalt, ssrc, srtcpIndex);
        rtcpCipher.xor(iv, packet, encrypted, end - encrypted);
        BigEndian.writeInt(packet, end, SrtcpTrailer.E_FLAG | srtcpIndex);
        int authenticated = end + SrtcpTrailer.LENGTH;
        rtcpMac.update(packet, start, authenticated - start);
        rtcpMac.finish();
        System.arraycopy(rtcpMac.tag(), 0, packet, authenticated, rtcpTagLength);
        return authenticated + rtcpTagLength;
    }

    @Override
    public int unprotectRtcp(byte[] packet, int start, int end, int ssrc, int trailer) {
        int tagAt = end - rtcpTagLength;
        rtcpMac.update(packet, start, tagAt - start);
        rtcpMac.finish();
        if (!rtcpMac.matches(packet, tagAt, rtcpTagLength)) {
            return -1;
        }
        int plainEnd = tagAt - SrtcpTrailer.LENGTH;
        if (SrtcpTrailer.encrypted(trailer)) {
            int encrypted = start + SrtcpTrailer.CLEAR_HEADER_LENGTH;
            counterBlock(rtcpSalt, ssrc, SrtcpTrailer.index(trailer));
            rtcpCipher.xor(iv, packet, encrypted, plainEnd - encrypted);
        }
        return plainEnd;
    }

    private void counterBlock(byte[] salt, int ssrc, long index) {
        System.arraycopy(salt, 0, iv, 0, salt.length);
        iv[14] = 0;
        iv[15] = 0;
        for (int i = 0; i < 4; i++) {
            iv[IV_SSRC + i] ^= (byte) (ssrc >>> (24 - 8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[IV_INDEX + i] ^= (byte) (index >>> (40 - 8 * i));
        }
    }
}
