package io.hivemind.relay.media.srtp;

import java.util.Arrays;
import org.bouncycastle.crypto.modes.gcm.GCMMultiplier;
import org.bouncycastle.crypto.modes.gcm.Tables8kGCMMultiplier;

/**
 * AES-GCM (NIST SP 800-38D) with a 96-bit IV and a 128-bit tag, as RFC 7714 §5 uses it, in place on byte arrays.
 * The CTR part runs on {@link AesKeystream} (AES-NI through JCE ECB); GHASH uses Bouncy Castle's 8 KiB-table
 * multiplier. JCE's {@code AES/GCM/NoPadding} must be re-initialised per packet and allocates about 1 KiB per call,
 * and Bouncy Castle's {@code GCMBlockCipher} allocates on every {@code init}; this composition allocates nothing.
 *
 * <p>Associated data may come in several pieces ({@link #aad}), which GHASH sees as one string: SRTCP's AAD is the
 * 8-byte header followed by the trailer word at the far end of the packet (RFC 7714 §9.1).
 *
 * <p>Not thread-safe: one instance per context.
 */
final class AesGcm {

    static final int TAG_LENGTH = 16;
    static final int IV_LENGTH = 12;
    private static final int BLOCK = AesKeystream.BLOCK;

    private final AesKeystream aes;
    private final GCMMultiplier multiplier = new Tables8kGCMMultiplier();
    private final byte[] counter = new byte[BLOCK];
    private final byte[] hash = new byte[BLOCK];
    private final byte[] tag = new byte[BLOCK];
    /** E(K, J0), which masks the GHASH result into the tag. */
    private final byte[] tagMask = new byte[BLOCK];
    private int pending;
    private long aadLength;

    AesGcm(byte[] key) {
        aes = new AesKeystream(key);
        byte[] h = new byte[BLOCK];
        aes.encryptBlock(h, 0, h, 0);
        multiplier.init(h);
    }

    /** Starts a message under a fresh 12-byte IV: J0 = IV || 0^31 || 1. */
    void start(byte[] iv) {
        System.arraycopy(iv, 0, counter, 0, IV_LENGTH);
        counter[12] = 0;
        counter[13] = 0;
        counter[14] = 0;
        counter[15] = 1;
        Arrays.fill(hash, (byte) 0);
        pending = 0;
        aadLength = 0;
    }

    /** Adds associated data; call before {@link #encrypt} / {@link #decrypt}. */
    void aad(byte[] data, int offset, int length) {
        absorb(data, offset, length);
        aadLength += length;
    }

    /** Encrypts in place and writes the 16-byte tag at {@code tagOut[tagOffset..]}. */
    void encrypt(byte[] data, int offset, int length, byte[] tagOut, int tagOffset) {
        flush();
        aes.xorAfterFirstBlock(counter, tagMask, data, offset, length);
        absorb(data, offset, length);
        computeTag(length);
        System.arraycopy(tag, 0, tagOut, tagOffset, TAG_LENGTH);
    }

    /**
     * Verifies the tag at {@code tagIn[tagOffset..]} over the ciphertext and, only if it matches, decrypts in place.
     */
    boolean decrypt(byte[] data, int offset, int length, byte[] tagIn, int tagOffset) {
        flush();
        absorb(data, offset, length);
        aes.encryptBlock(counter, 0, tagMask, 0);
        computeTag(length);
        int diff = 0;
        for (int i = 0; i < TAG_LENGTH; i++) {
            diff |= tag[i] ^ tagIn[tagOffset + i];
        }
        if (diff != 0) {
            return false;
        }
        counter[15] = 2; // inc32(J0): the first data block
        aes.xor(counter, data, offset, length);
        return true;
    }

    private void computeTag(long textLength) {
        flush();
        long aadBits = aadLength * 8;
        long textBits = textLength * 8;
        for (int i = 0; i < 8; i++) {
            hash[i] ^= (byte) (aadBits >>> (56 - 8 * i));
            hash[8 + i] ^= (byte) (textBits >>> (56 - 8 * i));
        }
        multiplier.multiplyH(hash);
        for (int i = 0; i < BLOCK; i++) {
            tag[i] = (byte) (tagMask[i] ^ hash[i]);
        }
    }

    /** GHASH input, zero-padding a section only at {@link #flush()}. */
    private void absorb(byte[] data, int offset, int length) {
        int i = 0;
        if (pending == 0) {
            for (; i + BLOCK <= length; i += BLOCK) {
                for (int j = 0; j < BLOCK; j++) {
                    hash[j] ^= data[offset + i + j];
                }
                multiplier.multiplyH(hash);
            }
        }
        for (; i < length; i++) {
            hash[pending++] ^= data[offset + i];
            if (pending == BLOCK) {
                multiplier.multiplyH(hash);
                pending = 0;
            }
        }
    }

    private void flush() {
        if (pending != 0) {
            multiplier.multiplyH(hash);
            pending = 0;
        }
    }
}
