package io.hivemind.relay.media.stun;

import io.netty.buffer.ByteBuf;

/**
 * STUN attribute types this package reads and writes (RFC 8489 §14 and §18.3, RFC 8445 §16.1), and the length rules
 * a receiver enforces on them. Every attribute is a TLV padded to 32 bits (RFC 8489 §14):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Type                  |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Value (variable)                ....
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Types 0x0000-0x7FFF are comprehension-required: a server that does not understand one answers 420 (§6.3.1).
 */
public final class StunAttributeType {

    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    public static final int REALM = 0x0014;
    public static final int NONCE = 0x0015;
    public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    /** RFC 8445 §16.1. */
    public static final int PRIORITY = 0x0024;
    /** RFC 8445 §16.1. */
    public static final int USE_CANDIDATE = 0x0025;
    public static final int SOFTWARE = 0x8022;
    public static final int FINGERPRINT = 0x8028;
    /** RFC 8445 §16.1. */
    public static final int ICE_CONTROLLED = 0x8029;
    /** RFC 8445 §16.1. */
    public static final int ICE_CONTROLLING = 0x802A;

    /** Attribute header: 16-bit type and 16-bit value length. */
    public static final int HEADER_LENGTH = 4;

    /** Longest USERNAME value in bytes (RFC 8489 §14.3). */
    public static final int MAX_USERNAME_BYTES = 513;
    /** Longest REALM, NONCE, SOFTWARE value and ERROR-CODE reason in bytes (RFC 8489 §14.9, §14.10, §14.14). */
    public static final int MAX_TEXT_BYTES = 763;
    static final int SHA1_LENGTH = 20;
    static final int SHA256_LENGTH = 32;
    /** RFC 8489 §14.6: a truncated MESSAGE-INTEGRITY-SHA256 keeps at least 16 bytes. */
    static final int MIN_SHA256_LENGTH = 16;
    static final int FAMILY_IPV4 = 0x01;
    static final int FAMILY_IPV6 = 0x02;
    private static final int ERROR_CODE_FIXED = 4;

    private static final int[] KNOWN = {
        USERNAME, MESSAGE_INTEGRITY, ERROR_CODE, UNKNOWN_ATTRIBUTES, REALM, NONCE, MESSAGE_INTEGRITY_SHA256,
        XOR_MAPPED_ADDRESS, PRIORITY, USE_CANDIDATE, SOFTWARE, FINGERPRINT, ICE_CONTROLLED, ICE_CONTROLLING,
    };
    static final int KNOWN_COUNT = KNOWN.length;

    /** Bit that makes a type comprehension-optional. */
    private static final int COMPREHENSION_OPTIONAL = 0x8000;

    private StunAttributeType() {
    }

    /** Whether an agent must understand {@code type} to process the message (RFC 8489 §14). */
    public static boolean isComprehensionRequired(int type) {
        return (type & COMPREHENSION_OPTIONAL) == 0;
    }

    /** Whether this package reads {@code type}; a comprehension-required type that is not is reported unknown. */
    public static boolean isKnown(int type) {
        return slot(type) >= 0;
    }

    /** A dense index 0..{@link #KNOWN_COUNT}-1 for a known type, or -1. */
    static int slot(int type) {
        for (int i = 0; i < KNOWN.length; i++) {
            if (KNOWN[i] == type) {
                return i;
            }
        }
        return -1;
    }

    /** A value length rounded up to the 32-bit boundary the next attribute starts on. */
    static int padded(int length) {
        return length + 3 & ~3;
    }

    /** Whether a known attribute's value at {@code valueIndex} of {@code length} bytes is well formed. */
    static boolean isWellFormed(int type, ByteBuf buf, int valueIndex, int length) {
        return switch (type) {
            case USERNAME -> length <= MAX_USERNAME_BYTES;
            case REALM, NONCE, SOFTWARE -> length <= MAX_TEXT_BYTES;
            case MESSAGE_INTEGRITY -> length == SHA1_LENGTH;
            case MESSAGE_INTEGRITY_SHA256 ->
                    length >= MIN_SHA256_LENGTH && length <= SHA256_LENGTH && (length & 3) == 0;
            case PRIORITY, FINGERPRINT -> length == Integer.BYTES;
            case ICE_CONTROLLED, ICE_CONTROLLING -> length == Long.BYTES;
            case USE_CANDIDATE -> length == 0;
            case UNKNOWN_ATTRIBUTES -> (length & 1) == 0;
            case XOR_MAPPED_ADDRESS -> isWellFormedAddress(buf, valueIndex, length);
            case ERROR_CODE -> isWellFormedErrorCode(buf, valueIndex, length);
            default -> true;
        };
    }

    private static boolean isWellFormedAddress(ByteBuf buf, int valueIndex, int length) {
        if (length < 4) {
            return false;
        }
        int family = buf.getUnsignedByte(valueIndex + 1);
        return family == FAMILY_IPV4 && length == 8 || family == FAMILY_IPV6 && length == 20;
    }

    private static boolean isWellFormedErrorCode(ByteBuf buf, int valueIndex, int length) {
        if (length < ERROR_CODE_FIXED || length > ERROR_CODE_FIXED + MAX_TEXT_BYTES) {
            return false;
        }
        int errorClass = buf.getUnsignedByte(valueIndex + 2) & 0x07;
        int number = buf.getUnsignedByte(valueIndex + 3);
        return errorClass >= 3 && errorClass <= 6 && number <= 99;
    }
}
