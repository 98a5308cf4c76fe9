package io.hivemind.relay.media.stun;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable, allocation-free view of one STUN message (RFC 8489 §5) in a {@link ByteBuf}:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0|     STUN Message Type     |         Message Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Magic Cookie                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * |                     Transaction ID (96 bits)                  |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * {@link #wrap} checks the header and walks every attribute once, remembering where the first occurrence of each
 * known one is (RFC 8489 §14: later duplicates are ignored). Ordering (§14.5-§14.7): after MESSAGE-INTEGRITY only
 * MESSAGE-INTEGRITY-SHA256 and FINGERPRINT are processed, after MESSAGE-INTEGRITY-SHA256 only FINGERPRINT; other
 * attributes there are skipped (framing still checked). Anything after FINGERPRINT drops the message. Text
 * attributes are compared as bytes; their UTF-8 is not validated.
 *
 * <p>The view borrows the buffer: it never retains it nor moves its indexes. It is valid until the next
 * {@code wrap} or until the buffer is released. Accessors are meaningful only after {@code wrap} returned
 * {@link StunDropReason#NONE}. Not thread-safe.
 */
public final class StunMessage {

    public static final int HEADER_LENGTH = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int TRANSACTION_ID_LENGTH = 12;
    static final int TYPE_OFFSET = 0;
    static final int LENGTH_OFFSET = 2;
    static final int COOKIE_OFFSET = 4;
    static final int TRANSACTION_ID_OFFSET = 8;
    /** How many unknown comprehension-required types are kept for a 420 answer; more are counted only. */
    public static final int MAX_REPORTED_UNKNOWN = 16;
    /** RFC 7983 §7: first byte 0..3 is STUN; 20..63 (which also has the top two bits clear) is DTLS. */
    private static final int RFC7983_STUN_MAX_FIRST_BYTE = 3;
    /** RFC 8489 §5: the two most significant bits of every STUN message are zero. */
    private static final int LEADING_BITS = 0xC0;

    private static final int BINDING_REQUEST = StunMessageType.of(StunMessageType.BINDING, StunClass.REQUEST);

    private final StunAttributeIndex attributes = new StunAttributeIndex();
    private final StunFingerprint fingerprint = new StunFingerprint();
    private ByteBuf buf;
    private int start;
    private int end;

    /**
     * Whether the readable bytes of {@code buf} look like STUN for demultiplexing (RFC 7983 §7: first byte 0..3),
     * with the magic cookie of RFC 8489 as a second, cheap check. Borrows {@code buf}.
     */
    public static boolean isStun(ByteBuf buf) {
        int index = buf.readerIndex();
        return buf.readableBytes() >= HEADER_LENGTH
                && buf.getUnsignedByte(index) <= RFC7983_STUN_MAX_FIRST_BYTE
                && buf.getInt(index + COOKIE_OFFSET) == MAGIC_COOKIE;
    }

    /** Views the readable bytes of {@code buf} as one datagram; see {@link #wrap(ByteBuf, int, int)}. */
    public StunDropReason wrap(ByteBuf buf) {
        return wrap(buf, buf.readerIndex(), buf.readableBytes());
    }

    /** Views {@code length} bytes of {@code buf} from absolute {@code index} as one whole datagram. */
    public StunDropReason wrap(ByteBuf buf, int index, int length) {
        this.buf = buf;
        this.start = index;
        reject();
        if (length < HEADER_LENGTH) {
            return StunDropReason.TRUNCATED;
        }
        if ((buf.getUnsignedByte(index) & LEADING_BITS) != 0) {
            return StunDropReason.NOT_STUN;
        }
        if (buf.getInt(index + COOKIE_OFFSET) != MAGIC_COOKIE) {
            return StunDropReason.BAD_MAGIC;
        }
        int bodyLength = buf.getUnsignedShort(index + LENGTH_OFFSET);
        if ((bodyLength & 3) != 0 || HEADER_LENGTH + bodyLength < length) {
            return StunDropReason.BAD_LENGTH;
        }
        if (HEADER_LENGTH + bodyLength > length) {
            return StunDropReason.TRUNCATED;
        }
        this.end = index + length;
        StunDropReason reason = attributes.build(buf, index + HEADER_LENGTH, end);
        if (reason != StunDropReason.NONE) {
            reject();
        }
        return reason;
    }

    /** Forgets a refused message, so that accessors see no attributes rather than half a walk. */
    private void reject() {
        end = start;
        attributes.clear();
    }

    /** The message type field (RFC 8489 §5). */
    public int messageType() {
        return buf.getUnsignedShort(start + TYPE_OFFSET);
    }

    /** The 12-bit method, {@link StunMessageType#BINDING} for ICE. */
    public int method() {
        return StunMessageType.method(messageType());
    }

    public StunClass messageClass() {
        return StunMessageType.messageClass(messageType());
    }

    /** Whether this is a Binding request, what an ICE-lite server answers. */
    public boolean isBindingRequest() {
        return messageType() == BINDING_REQUEST;
    }

    /** The whole message length in bytes, header included. */
    public int length() {
        return end - start;
    }

    /** The first 32 bits of the transaction ID; with {@link #transactionIdLow()} a key without allocation. */
    public int transactionIdHigh() {
        return buf.getInt(start + TRANSACTION_ID_OFFSET);
    }

    /** The last 64 bits of the transaction ID. */
    public long transactionIdLow() {
        return buf.getLong(start + TRANSACTION_ID_OFFSET + Integer.BYTES);
    }

    /** Copies the 12-byte transaction ID into {@code dst} at absolute {@code dstIndex}. */
    public void copyTransactionId(ByteBuf dst, int dstIndex) {
        dst.setBytes(dstIndex, buf, start + TRANSACTION_ID_OFFSET, TRANSACTION_ID_LENGTH);
    }

    /**
     * The absolute index of the header of the first processed attribute of {@code type} (see class comment), or -1.
     * Attributes this package does not read are searched for on the wire, before any MESSAGE-INTEGRITY.
     */
    public int attribute(int type) {
        int first = attributes.first(type);
        if (first != StunAttributeIndex.NOT_INDEXED) {
            return first;
        }
        for (int at = firstAttribute(); at >= 0; at = nextAttribute(at)) {
            int found = buf.getUnsignedShort(at);
            if (found == type) {
                return at;
            }
            if (found == StunAttributeType.MESSAGE_INTEGRITY || found == StunAttributeType.MESSAGE_INTEGRITY_SHA256) {
                return -1;
            }
        }
        return -1;
    }

    /** The absolute index of the first attribute header, or -1 if there are none. */
    public int firstAttribute() {
        return start + HEADER_LENGTH < end ? start + HEADER_LENGTH : -1;
    }

    /** The attribute after the one at {@code index} as on the wire, padding skipped, or -1 at the end. */
    public int nextAttribute(int index) {
        int next = index + StunAttributeType.HEADER_LENGTH + StunAttributeType.padded(attributeLength(index));
        return next < end ? next : -1;
    }

    public int attributeType(int index) {
        return buf.getUnsignedShort(index);
    }

    /** The value length, padding excluded. */
    public int attributeLength(int index) {
        return buf.getUnsignedShort(index + 2);
    }

    /** Whether a processed attribute of {@code type} is present. */
    public boolean has(int type) {
        return attribute(type) >= 0;
    }

    /** PRIORITY (RFC 8445 §7.1.1) as an unsigned value, or -1 when absent. */
    public long priority() {
        int at = attribute(StunAttributeType.PRIORITY);
        return at < 0 ? -1 : buf.getUnsignedInt(at + StunAttributeType.HEADER_LENGTH);
    }

    /** Whether USE-CANDIDATE is present (RFC 8445 §7.1.2). */
    public boolean useCandidate() {
        return has(StunAttributeType.USE_CANDIDATE);
    }

    /** The ICE-CONTROLLING tie-breaker; check {@link #has} first. */
    public long iceControlling() {
        return tieBreaker(StunAttributeType.ICE_CONTROLLING);
    }

    /** The ICE-CONTROLLED tie-breaker; check {@link #has} first. */
    public long iceControlled() {
        return tieBreaker(StunAttributeType.ICE_CONTROLLED);
    }

    private long tieBreaker(int type) {
        int at = attribute(type);
        return at < 0 ? 0 : buf.getLong(at + StunAttributeType.HEADER_LENGTH);
    }

    /** Whether USERNAME is exactly {@code expected}. */
    public boolean usernameEquals(byte[] expected) {
        int at = attribute(StunAttributeType.USERNAME);
        return at >= 0 && attributeLength(at) == expected.length && regionEquals(at, expected);
    }

    /** Whether USERNAME starts with {@code prefix}, e.g. an ICE server's "localUfrag:" (RFC 8445 §7.2.2). */
    public boolean usernameStartsWith(byte[] prefix) {
        int at = attribute(StunAttributeType.USERNAME);
        return at >= 0 && attributeLength(at) >= prefix.length && regionEquals(at, prefix);
    }

    private boolean regionEquals(int attribute, byte[] bytes) {
        int value = attribute + StunAttributeType.HEADER_LENGTH;
        for (int i = 0; i < bytes.length; i++) {
            if (buf.getByte(value + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** USERNAME decoded as UTF-8, or null. Allocates: for logs and the control plane. */
    public String username() {
        return text(StunAttributeType.USERNAME);
    }

    /** SOFTWARE decoded as UTF-8, or null. Allocates. */
    public String software() {
        return text(StunAttributeType.SOFTWARE);
    }

    /** REALM (RFC 8489 §14.9) decoded as UTF-8, or null. Allocates. */
    public String realm() {
        return text(StunAttributeType.REALM);
    }

    /** NONCE (RFC 8489 §14.10) decoded as UTF-8, or null. Allocates. */
    public String nonce() {
        return text(StunAttributeType.NONCE);
    }

    private String text(int type) {
        int at = attribute(type);
        return at < 0 ? null : buf.toString(at + StunAttributeType.HEADER_LENGTH, attributeLength(at),
                StandardCharsets.UTF_8);
    }

    /** The ERROR-CODE as class * 100 + number (RFC 8489 §14.8), or -1 when absent. */
    public int errorCode() {
        int at = attribute(StunAttributeType.ERROR_CODE);
        if (at < 0) {
            return -1;
        }
        int value = at + StunAttributeType.HEADER_LENGTH;
        return (buf.getUnsignedByte(value + 2) & 0x07) * 100 + buf.getUnsignedByte(value + 3);
    }

    /** The ERROR-CODE reason phrase, or null. Allocates. */
    public String errorReason() {
        int at = attribute(StunAttributeType.ERROR_CODE);
        return at < 0 ? null : buf.toString(at + StunAttributeType.HEADER_LENGTH + 4, attributeLength(at) - 4,
                StandardCharsets.UTF_8);
    }

    /** How many types a received UNKNOWN-ATTRIBUTES (RFC 8489 §14.13) lists; 0 when absent. */
    public int listedUnknownAttributeCount() {
        int at = attribute(StunAttributeType.UNKNOWN_ATTRIBUTES);
        return at < 0 ? 0 : attributeLength(at) / 2;
    }

    /** The {@code i}-th type listed in UNKNOWN-ATTRIBUTES. */
    public int listedUnknownAttribute(int i) {
        if (i < 0 || i >= listedUnknownAttributeCount()) {
            throw new IndexOutOfBoundsException(i);
        }
        int at = attribute(StunAttributeType.UNKNOWN_ATTRIBUTES);
        return buf.getUnsignedShort(at + StunAttributeType.HEADER_LENGTH + 2 * i);
    }

    /**
     * How many comprehension-required attributes of this message this package does not understand; a server
     * answers a request having any with 420 (RFC 8489 §6.3.1). Only the first {@link #MAX_REPORTED_UNKNOWN} types
     * are kept, see {@link #reportedUnknownCount()}.
     */
    public int unknownComprehensionRequiredCount() {
        return attributes.unknownRequiredCount();
    }

    /** How many of the unknown comprehension-required types are available from {@link #reportedUnknown}. */
    public int reportedUnknownCount() {
        return Math.min(attributes.unknownRequiredCount(), MAX_REPORTED_UNKNOWN);
    }

    /** The {@code i}-th unknown comprehension-required type, in wire order. */
    public int reportedUnknown(int i) {
        if (i < 0 || i >= reportedUnknownCount()) {
            throw new IndexOutOfBoundsException(i);
        }
        return attributes.unknownRequired(i);
    }

    /** The XOR-MAPPED-ADDRESS family, 1 (IPv4) or 2 (IPv6), or 0 when absent. */
    public int xorMappedAddressFamily() {
        int at = attribute(StunAttributeType.XOR_MAPPED_ADDRESS);
        return at < 0 ? 0 : buf.getUnsignedByte(at + StunAttributeType.HEADER_LENGTH + 1);
    }

    /** The XOR-MAPPED-ADDRESS port, un-XORed with the cookie's top 16 bits (RFC 8489 §14.2), or -1. */
    public int xorMappedAddressPort() {
        int at = attribute(StunAttributeType.XOR_MAPPED_ADDRESS);
        return at < 0 ? -1 : buf.getUnsignedShort(at + StunAttributeType.HEADER_LENGTH + 2) ^ MAGIC_COOKIE >>> 16;
    }

    /**
     * Un-XORs the XOR-MAPPED-ADDRESS address into {@code dst} (at least 16 bytes) and returns its length, 4 or 16,
     * or 0 when absent. IPv4 is XORed with the cookie, IPv6 with the cookie and the transaction ID (§14.2), which
     * are exactly the message's bytes 4..19.
     */
    public int xorMappedAddress(byte[] dst) {
        int at = attribute(StunAttributeType.XOR_MAPPED_ADDRESS);
        if (at < 0) {
            return 0;
        }
        int length = attributeLength(at) - 4;
        int address = at + StunAttributeType.HEADER_LENGTH + 4;
        for (int i = 0; i < length; i++) {
            dst[i] = (byte) (buf.getByte(address + i) ^ buf.getByte(start + COOKIE_OFFSET + i));
        }
        return length;
    }

    /** XOR-MAPPED-ADDRESS as a socket address, or null. Allocates. */
    public InetSocketAddress xorMappedSocketAddress() {
        byte[] address = new byte[16];
        int length = xorMappedAddress(address);
        if (length == 0) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOf(address, length)),
                    xorMappedAddressPort());
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("4 or 16 bytes is always an address", impossible);
        }
    }

    /** Whether FINGERPRINT is present and matches (RFC 8489 §14.7). */
    public boolean verifyFingerprint() {
        return fingerprint.verify(this);
    }

    ByteBuf buffer() {
        return buf;
    }

    int start() {
        return start;
    }

    @Override
    public String toString() {
        return end == start ? "StunMessage[none]"
                : "StunMessage[type=0x" + Integer.toHexString(messageType()) + ", length=" + length() + "]";
    }
}
