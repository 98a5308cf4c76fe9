package io.hivemind.relay.media.stun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Writes one STUN message (RFC 8489 §5, §14) at a buffer's writer index, attribute by attribute: the header length
 * is kept current after each one, values are padded to 32 bits, and MESSAGE-INTEGRITY(-SHA256) and FINGERPRINT are
 * computed in place over what precedes them. Calls follow the RFC order: only MESSAGE-INTEGRITY-SHA256 and
 * FINGERPRINT may follow MESSAGE-INTEGRITY, only FINGERPRINT may follow MESSAGE-INTEGRITY-SHA256, nothing follows
 * FINGERPRINT; breaking it throws {@link IllegalStateException}.
 *
 * <pre>{@code
 * writer.beginResponse(out, request, StunClass.SUCCESS_RESPONSE)
 *       .xorMappedAddress(peerAddressBytes, peerPort)
 *       .messageIntegrity(integrity)
 *       .fingerprint()
 *       .finish();
 * }</pre>
 *
 * Reusable and allocation-free for byte-array arguments; not thread-safe. The writer borrows the output buffer
 * between {@code begin} and {@link #finish()}.
 */
public final class StunMessageWriter {

    private static final int OPEN = 0;
    private static final int AFTER_INTEGRITY = 1;
    private static final int AFTER_INTEGRITY_SHA256 = 2;
    private static final int AFTER_FINGERPRINT = 3;
    private static final int MAX_BODY_LENGTH = 0xFFFF;

    private final StunFingerprint crc = new StunFingerprint();
    private final byte padding;
    private ByteBuf out;
    private int start;
    private int phase;

    /** A writer padding with zero bytes, as RFC 8489 §14 recommends. */
    public StunMessageWriter() {
        this(0);
    }

    /**
     * A writer padding with {@code paddingByte}. Receivers ignore padding (RFC 8489 §14) but it is covered by
     * MESSAGE-INTEGRITY and FINGERPRINT; the RFC 5769 vectors pad with 0x20, so reproducing them needs this.
     */
    public StunMessageWriter(int paddingByte) {
        this.padding = (byte) paddingByte;
    }

    /** Starts a message at {@code out}'s writer index with a 12-byte {@code transactionId}. */
    public StunMessageWriter begin(ByteBuf out, int method, StunClass messageClass, byte[] transactionId) {
        if (transactionId.length != StunMessage.TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("transaction ID is 12 bytes, got " + transactionId.length);
        }
        writeHeader(out, method, messageClass);
        out.writeBytes(transactionId);
        return this;
    }

    /** Starts a response to {@code request}: same method, same transaction ID (RFC 8489 §6.3.1). */
    public StunMessageWriter beginResponse(ByteBuf out, StunMessage request, StunClass messageClass) {
        writeHeader(out, request.method(), messageClass);
        request.copyTransactionId(out, out.writerIndex());
        out.writerIndex(out.writerIndex() + StunMessage.TRANSACTION_ID_LENGTH);
        return this;
    }

    private void writeHeader(ByteBuf out, int method, StunClass messageClass) {
        this.out = out;
        this.start = out.writerIndex();
        this.phase = OPEN;
        out.writeShort(StunMessageType.of(method, messageClass));
        out.writeShort(0);
        out.writeInt(StunMessage.MAGIC_COOKIE);
    }

    /** USERNAME from its UTF-8 bytes (at most 513), e.g. "remoteUfrag:localUfrag" pre-encoded per ICE session. */
    public StunMessageWriter username(byte[] utf8) {
        if (utf8.length > StunAttributeType.MAX_USERNAME_BYTES) {
            throw new IllegalArgumentException("USERNAME longer than 513 bytes: " + utf8.length);
        }
        int value = header(StunAttributeType.USERNAME, utf8.length);
        out.writeBytes(utf8);
        return end(value);
    }

    /** USERNAME from text, encoded as UTF-8. */
    public StunMessageWriter username(CharSequence username) {
        return text(StunAttributeType.USERNAME, username, StunAttributeType.MAX_USERNAME_BYTES);
    }

    /** SOFTWARE (RFC 8489 §14.14), at most 763 UTF-8 bytes. */
    public StunMessageWriter software(CharSequence software) {
        return text(StunAttributeType.SOFTWARE, software, StunAttributeType.MAX_TEXT_BYTES);
    }

    private StunMessageWriter text(int type, CharSequence text, int maxBytes) {
        int length = ByteBufUtil.utf8Bytes(text);
        if (length > maxBytes) {
            throw new IllegalArgumentException("attribute 0x" + Integer.toHexString(type) + " longer than "
                    + maxBytes + " bytes: " + length);
        }
        int value = header(type, length);
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        return end(value);
    }

    /** PRIORITY (RFC 8445 §7.1.1), an unsigned 32-bit value. */
    public StunMessageWriter priority(long priority) {
        if (priority < 0 || priority > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("PRIORITY is unsigned 32-bit: " + priority);
        }
        int value = header(StunAttributeType.PRIORITY, Integer.BYTES);
        out.writeInt((int) priority);
        return end(value);
    }

    /** USE-CANDIDATE (RFC 8445 §7.1.2), empty. */
    public StunMessageWriter useCandidate() {
        return end(header(StunAttributeType.USE_CANDIDATE, 0));
    }

    /** ICE-CONTROLLING with its 64-bit tie-breaker (RFC 8445 §7.1.3). */
    public StunMessageWriter iceControlling(long tieBreaker) {
        return tieBreaker(StunAttributeType.ICE_CONTROLLING, tieBreaker);
    }

    /** ICE-CONTROLLED with its 64-bit tie-breaker (RFC 8445 §7.1.3). */
    public StunMessageWriter iceControlled(long tieBreaker) {
        return tieBreaker(StunAttributeType.ICE_CONTROLLED, tieBreaker);
    }

    private StunMessageWriter tieBreaker(int type, long tieBreaker) {
        int value = header(type, Long.BYTES);
        out.writeLong(tieBreaker);
        return end(value);
    }

    /**
     * XOR-MAPPED-ADDRESS (RFC 8489 §14.2) from a 4- or 16-byte address: the port is XORed with the cookie's top 16
     * bits, the address with the message's bytes 4..19 (cookie, then transaction ID).
     */
    public StunMessageWriter xorMappedAddress(byte[] address, int port) {
        if (address.length != 4 && address.length != 16 || port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("need a 4 or 16 byte address and a 16-bit port");
        }
        int value = header(StunAttributeType.XOR_MAPPED_ADDRESS, 4 + address.length);
        out.writeByte(0);
        out.writeByte(address.length == 4 ? StunAttributeType.FAMILY_IPV4 : StunAttributeType.FAMILY_IPV6);
        out.writeShort(port ^ StunMessage.MAGIC_COOKIE >>> 16);
        for (int i = 0; i < address.length; i++) {
            out.writeByte(address[i] ^ out.getByte(start + StunMessage.COOKIE_OFFSET + i));
        }
        return end(value);
    }

    /** XOR-MAPPED-ADDRESS from a resolved socket address. Allocates (the address bytes): cache them when hot. */
    public StunMessageWriter xorMappedAddress(InetSocketAddress address) {
        return xorMappedAddress(address.getAddress().getAddress(), address.getPort());
    }

    /** ERROR-CODE (RFC 8489 §14.8): class, number and UTF-8 reason phrase. */
    public StunMessageWriter errorCode(StunError error) {
        int reasonLength = ByteBufUtil.utf8Bytes(error.reason());
        if (reasonLength > StunError.MAX_REASON_BYTES) {
            throw new IllegalArgumentException("reason phrase longer than 763 bytes: " + reasonLength);
        }
        int value = header(StunAttributeType.ERROR_CODE, 4 + reasonLength);
        out.writeShort(0);
        out.writeByte(error.code() / 100);
        out.writeByte(error.code() % 100);
        out.writeCharSequence(error.reason(), StandardCharsets.UTF_8);
        return end(value);
    }

    /** UNKNOWN-ATTRIBUTES (RFC 8489 §14.13) listing the comprehension-required types {@code request} had. */
    public StunMessageWriter unknownAttributes(StunMessage request) {
        int count = request.reportedUnknownCount();
        int value = header(StunAttributeType.UNKNOWN_ATTRIBUTES, 2 * count);
        for (int i = 0; i < count; i++) {
            out.writeShort(request.reportedUnknown(i));
        }
        return end(value);
    }

    /** MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 of everything before it. */
    public StunMessageWriter messageIntegrity(StunIntegrity integrity) {
        int attribute = out.writerIndex();
        int value = header(StunAttributeType.MESSAGE_INTEGRITY, StunAttributeType.SHA1_LENGTH);
        out.writeZero(StunAttributeType.SHA1_LENGTH);
        end(value);
        integrity.signSha1(out, start, attribute);
        phase = AFTER_INTEGRITY;
        return this;
    }

    /** MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6), untruncated: HMAC-SHA256 of everything before it. */
    public StunMessageWriter messageIntegritySha256(StunIntegrity integrity) {
        int attribute = out.writerIndex();
        int value = header(StunAttributeType.MESSAGE_INTEGRITY_SHA256, StunAttributeType.SHA256_LENGTH);
        out.writeZero(StunAttributeType.SHA256_LENGTH);
        end(value);
        integrity.signSha256(out, start, attribute);
        phase = AFTER_INTEGRITY_SHA256;
        return this;
    }

    /** FINGERPRINT (RFC 8489 §14.7), the last attribute. */
    public StunMessageWriter fingerprint() {
        int attribute = out.writerIndex();
        int value = header(StunAttributeType.FINGERPRINT, Integer.BYTES);
        out.writeInt(0);
        end(value);
        out.setInt(value, crc.compute(out, start, attribute - start));
        phase = AFTER_FINGERPRINT;
        return this;
    }

    /** Ends the message and returns its length in bytes; the writer forgets the buffer. */
    public int finish() {
        int length = out.writerIndex() - start;
        out = null;
        return length;
    }

    /** Writes an attribute header, if the ordering rules allow it here, and returns the value's index. */
    private int header(int type, int length) {
        if (out == null) {
            throw new IllegalStateException("begin a message first");
        }
        int latest = type == StunAttributeType.FINGERPRINT ? AFTER_INTEGRITY_SHA256
                : type == StunAttributeType.MESSAGE_INTEGRITY_SHA256 ? AFTER_INTEGRITY : OPEN;
        if (phase > latest) {
            throw new IllegalStateException("attribute 0x" + Integer.toHexString(type) + " out of RFC 8489 order");
        }
        out.writeShort(type);
        out.writeShort(length);
        return out.writerIndex();
    }

    /** Pads the value that started at {@code value} and brings the header length up to date. */
    private StunMessageWriter end(int value) {
        int length = out.writerIndex() - value;
        out.setShort(value - 2, length);
        for (int pad = -length & 3; pad > 0; pad--) {
            out.writeByte(padding);
        }
        int body = out.writerIndex() - start - StunMessage.HEADER_LENGTH;
        if (body > MAX_BODY_LENGTH) {
            throw new IllegalStateException("STUN message longer than 65535 bytes after the header");
        }
        out.setShort(start + StunMessage.LENGTH_OFFSET, body);
        return this;
    }
}
