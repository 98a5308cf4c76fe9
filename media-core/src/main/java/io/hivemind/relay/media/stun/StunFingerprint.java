package io.hivemind.relay.media.stun;

import io.netty.buffer.ByteBuf;
import java.util.zip.CRC32;

/**
 * The FINGERPRINT attribute (RFC 8489 §14.7): CRC-32 (ISO HDLC, as in {@link CRC32}) of the message up to the
 * attribute, the header length already counting the FINGERPRINT, XORed with 0x5354554E. It tells STUN apart from
 * other protocols on the same port; it is no integrity protection. Reusable, not thread-safe: one per event loop.
 */
public final class StunFingerprint {

    /** "STUN" in ASCII, so a CRC-32 of the same bytes in another protocol does not match. */
    static final int XOR = 0x5354554E;
    /** Attribute header plus the 32-bit CRC. */
    static final int ATTRIBUTE_LENGTH = StunAttributeType.HEADER_LENGTH + Integer.BYTES;

    private final CRC32 crc = new CRC32();
    private final DigestInput input = crc::update;
    private final byte[] scratch = new byte[128];

    /** The fingerprint of {@code length} bytes from absolute {@code index}; borrows {@code buf}. */
    public int compute(ByteBuf buf, int index, int length) {
        crc.reset();
        input.update(buf, index, length, scratch);
        return (int) crc.getValue() ^ XOR;
    }

    /** Whether {@code message} carries a FINGERPRINT and it matches. */
    public boolean verify(StunMessage message) {
        int attribute = message.attribute(StunAttributeType.FINGERPRINT);
        if (attribute < 0) {
            return false;
        }
        ByteBuf buf = message.buffer();
        int start = message.start();
        int expected = compute(buf, start, attribute - start);
        return buf.getInt(attribute + StunAttributeType.HEADER_LENGTH) == expected;
    }
}
