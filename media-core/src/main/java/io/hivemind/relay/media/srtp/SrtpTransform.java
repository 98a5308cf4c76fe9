package io.hivemind.relay.media.srtp;

/**
 * The cryptographic transform of one protection profile, on a byte array that holds the packet (a heap ByteBuf's
 * backing array or the context's scratch copy). The {@link SrtpContext} has already parsed the header, chosen the
 * index and checked replay and tailroom; the transform only encrypts, authenticates and lays out tag and trailer.
 * Offsets are absolute array positions; {@code end} is exclusive.
 */
interface SrtpTransform {

    /** Encrypts the payload {@code [payload, end)} in place and writes the RTP tag at {@code end}. */
    void protectRtp(byte[] packet, int start, int payload, int end, int ssrc, long index);

    /**
     * Verifies the RTP tag found at {@code end} (the packet without it ends at {@code end}) and, if it matches,
     * decrypts {@code [payload, end)} in place.
     */
    boolean unprotectRtp(byte[] packet, int start, int payload, int end, int ssrc, long index);

    /**
     * Encrypts everything after the first 8 bytes, appends the E-flag/SRTCP-index word and the tag in the profile's
     * order, and returns the new end.
     */
    int protectRtcp(byte[] packet, int start, int end, int ssrc, int srtcpIndex);

    /**
     * Verifies a whole SRTCP packet {@code [start, end)} whose trailer word (already read by the context) is
     * {@code trailer}, decrypts it in place if the E flag is set, and returns the end of the plain RTCP packet, or
     * -1 when the tag does not verify.
     */
    int unprotectRtcp(byte[] packet, int start, int end, int ssrc, int trailer);

    /** The transform for a profile and master key: derives the session keys once. */
    static SrtpTransform create(SrtpProfile profile, SrtpMasterKey master) {
        SrtpSessionKeys rtp = SrtpKeyDerivation.rtpKeys(profile, master);
        SrtpSessionKeys rtcp = SrtpKeyDerivation.rtcpKeys(profile, master);
        return profile.isAead() ? new AesGcmTransform(rtp, rtcp)
                : new AesCmHmacSha1Transform(rtp, rtcp, profile.rtpTagLength(), profile.rtcpTagLength());
    }
}
