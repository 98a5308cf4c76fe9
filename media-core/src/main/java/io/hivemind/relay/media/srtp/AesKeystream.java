package io.hivemind.relay.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES counter-mode keystream (RFC 3711 §4.1.1, NIST SP 800-38D GCTR) built on one reused JCE {@code AES/ECB/NoPadding}
 * instance: counter blocks are laid out in a scratch array and encrypted in one {@code update} call, which HotSpot runs
 * on the AES-NI intrinsic. Unlike {@code AES/CTR} this needs no re-init (and no {@code IvParameterSpec}) per packet,
 * so it allocates nothing. The counter is the low 32 bits of the block (GCM's inc32); for AES-CM the low 16 bits
 * start at zero and a packet never reaches 2^16 blocks, so the carry never leaves them.
 *
 * <p>Not thread-safe: one instance per context.
 */
final class AesKeystream {

    static final int BLOCK = 16;
    private static final int CHUNK_BLOCKS = 32;

    private final Cipher ecb;
    private final byte[] counters = new byte[CHUNK_BLOCKS * BLOCK];
    private final byte[] keystream = new byte[CHUNK_BLOCKS * BLOCK];

    AesKeystream(byte[] key) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding is a mandatory JCE algorithm", e);
        }
    }

    /** Encrypts one 16-byte block: used for GCM's H = E(K, 0^128) and E(K, J0). */
    void encryptBlock(byte[] in, int inOffset, byte[] out, int outOffset) {
        try {
            ecb.update(in, inOffset, BLOCK, out, outOffset);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * XORs {@code length} bytes at {@code offset} with the keystream that starts at counter block {@code iv}.
     * {@code iv} is left unchanged.
     */
    void xor(byte[] iv, byte[] data, int offset, int length) {
        run(iv, data, offset, length, null);
    }

    /**
     * Like {@link #xor} but the first counter block's output goes to {@code firstBlock} and the data takes the
     * keystream from the next block on: GCM's E(K, J0) and its GCTR(inc32(J0)) in one cipher call.
     */
    void xorAfterFirstBlock(byte[] iv, byte[] firstBlock, byte[] data, int offset, int length) {
        run(iv, data, offset, length, firstBlock);
    }

    private void run(byte[] iv, byte[] data, int offset, int length, byte[] firstBlock) {
        int counter = (iv[12] & 0xff) << 24 | (iv[13] & 0xff) << 16 | (iv[14] & 0xff) << 8 | (iv[15] & 0xff);
        int skip = firstBlock == null ? 0 : BLOCK;
        int done = 0;
        while (done < length || skip != 0) {
            int chunk = Math.min(length - done, counters.length - skip);
            int blocks = (skip + chunk + BLOCK - 1) / BLOCK;
            for (int b = 0; b < blocks; b++) {
                int at = b * BLOCK;
                System.arraycopy(iv, 0, counters, at, 12);
                int value = counter++;
                counters[at + 12] = (byte) (value >>> 24);
                counters[at + 13] = (byte) (value >>> 16);
                counters[at + 14] = (byte) (value >>> 8);
                counters[at + 15] = (byte) value;
            }
            try {
                ecb.update(counters, 0, blocks * BLOCK, keystream, 0);
            } catch (ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            if (skip != 0) {
                System.arraycopy(keystream, 0, firstBlock, 0, BLOCK);
            }
            int base = offset + done;
            for (int i = 0; i < chunk; i++) {
                data[base + i] ^= keystream[skip + i];
            }
            done += chunk;
            skip = 0;
        }
    }
}
