package io.hivemind.relay.media.stun;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 §14.5) and MESSAGE-INTEGRITY-SHA256 (§14.6) under one key, keyed once:
 * hold one per ICE password (short-term credential) and reuse it for every packet.
 *
 * <p>The HMAC covers the message up to the attribute, with the header's length field rewritten to end at the end of
 * that attribute, so later attributes (FINGERPRINT) do not change it. The length field is fed from a scratch copy;
 * the buffer is never written.
 *
 * <p>Bouncy Castle's lightweight {@link HMac} is used rather than {@code javax.crypto.Mac}: it keeps the keyed
 * inner/outer state and its {@code doFinal(byte[], int)} writes into our array, where the JCE {@code Mac.doFinal}
 * allocates its result on every call. Comparison of the received value is constant-time.
 *
 * <p>Not thread-safe: confine to one event loop, or hold one per thread.
 */
public final class StunIntegrity {

    private static final int LENGTH_OFFSET = 2;
    private static final int COOKIE_OFFSET = 4;

    private final HMac sha1 = new HMac(new SHA1Digest());
    private final HMac sha256 = new HMac(new SHA256Digest());
    private final DigestInput sha1Input = sha1::update;
    private final DigestInput sha256Input = sha256::update;
    private final byte[] lengthField = new byte[2];
    private final byte[] mac = new byte[StunAttributeType.SHA256_LENGTH];
    private final byte[] scratch = new byte[128];

    /** Keys both HMACs with {@code key}, which is copied. */
    public StunIntegrity(byte[] key) {
        KeyParameter parameter = new KeyParameter(key);
        sha1.init(parameter);
        sha256.init(parameter);
    }

    /**
     * Short-term credentials (RFC 8489 §9.1.1, as ICE uses them, RFC 8445 §7.2.2): the key is the password's UTF-8
     * bytes after OpaqueString processing. ICE passwords are ice-chars (ALPHA / DIGIT / "+" / "/", RFC 8839 §5.4),
     * which that processing leaves unchanged, so none is applied here.
     */
    public static StunIntegrity shortTerm(String password) {
        return new StunIntegrity(password.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Long-term credentials (RFC 8489 §9.2.2, MD5 algorithm): key = MD5(username ":" realm ":" password). The
     * arguments must already be SASLprep / OpaqueString processed, which this method does not do.
     */
    public static StunIntegrity longTerm(String username, String realm, String password) {
        byte[] input = (username + ':' + realm + ':' + password).getBytes(StandardCharsets.UTF_8);
        Digest md5 = new MD5Digest();
        md5.update(input, 0, input.length);
        byte[] key = new byte[md5.getDigestSize()];
        md5.doFinal(key, 0);
        return new StunIntegrity(key);
    }

    /**
     * Whether {@code message} is authentic: MESSAGE-INTEGRITY-SHA256 when present (the stronger one), otherwise
     * MESSAGE-INTEGRITY; false when it has neither (RFC 8489 §9.1.3).
     */
    public boolean verify(StunMessage message) {
        if (message.attribute(StunAttributeType.MESSAGE_INTEGRITY_SHA256) >= 0) {
            return verifySha256(message);
        }
        return verifySha1(message);
    }

    /** Whether {@code message} carries a MESSAGE-INTEGRITY that matches. */
    public boolean verifySha1(StunMessage message) {
        return verify(message, StunAttributeType.MESSAGE_INTEGRITY, sha1, sha1Input);
    }

    /** Whether {@code message} carries a MESSAGE-INTEGRITY-SHA256 (possibly truncated, §14.6) that matches. */
    public boolean verifySha256(StunMessage message) {
        return verify(message, StunAttributeType.MESSAGE_INTEGRITY_SHA256, sha256, sha256Input);
    }

    private boolean verify(StunMessage message, int type, HMac hmac, DigestInput input) {
        int attribute = message.attribute(type);
        if (attribute < 0) {
            return false;
        }
        ByteBuf buf = message.buffer();
        int length = buf.getUnsignedShort(attribute + 2);
        compute(buf, message.start(), attribute, length, hmac, input);
        int value = attribute + StunAttributeType.HEADER_LENGTH;
        int diff = 0;
        for (int i = 0; i < length; i++) {
            diff |= mac[i] ^ buf.getByte(value + i);
        }
        return diff == 0;
    }

    /** Fills the MESSAGE-INTEGRITY value whose header is at absolute {@code attribute}; borrows {@code buf}. */
    void signSha1(ByteBuf buf, int start, int attribute) {
        sign(buf, start, attribute, StunAttributeType.SHA1_LENGTH, sha1, sha1Input);
    }

    /** Fills the MESSAGE-INTEGRITY-SHA256 value whose header is at absolute {@code attribute}. */
    void signSha256(ByteBuf buf, int start, int attribute) {
        sign(buf, start, attribute, StunAttributeType.SHA256_LENGTH, sha256, sha256Input);
    }

    private void sign(ByteBuf buf, int start, int attribute, int length, HMac hmac, DigestInput input) {
        compute(buf, start, attribute, length, hmac, input);
        buf.setBytes(attribute + StunAttributeType.HEADER_LENGTH, mac, 0, length);
    }

    private void compute(ByteBuf buf, int start, int attribute, int valueLength, HMac hmac, DigestInput input) {
        int adjusted = attribute + StunAttributeType.HEADER_LENGTH + valueLength - start - StunMessage.HEADER_LENGTH;
        lengthField[0] = (byte) (adjusted >>> 8);
        lengthField[1] = (byte) adjusted;
        input.update(buf, start, LENGTH_OFFSET, scratch);
        hmac.update(lengthField, 0, lengthField.length);
        input.update(buf, start + COOKIE_OFFSET, attribute - start - COOKIE_OFFSET, scratch);
        hmac.doFinal(mac, 0);
    }

    @Override
    public String toString() {
        return "StunIntegrity[key=<redacted>]";
    }
}
