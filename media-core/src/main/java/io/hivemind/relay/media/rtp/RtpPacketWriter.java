package io.hivemind.relay.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Writes RTP packets (RFC 3550 §5.1) with RFC 8285 header extension blocks into a caller's buffer, and copies a
 * packet with one more extension element ({@link #writeWithExtension}). Reusable and allocation-free.
 *
 * <pre>{@code
 * writer.start(dst, 111, false, seq, timestamp, ssrc)
 *       .beginExtensions(HeaderExtensionForm.ONE_BYTE.profile())
 *       .extension(1, level, 0, 1)
 *       .payload(opus, 0, opus.readableBytes())
 *       .finish(0);
 * }</pre>
 *
 * The calls go in header order: {@code start}, any {@code csrc}, optionally {@code beginExtensions} and its elements,
 * any {@code payload}, then {@code finish}; a call out of order or with a value the wire cannot carry throws
 * {@link IllegalStateException} / {@link IllegalArgumentException}. The packet is appended at {@code dst}'s writer
 * index, which advances. Source buffers are borrowed. Not thread-safe.
 */
public final class RtpPacketWriter {
    private static final int MAX_CSRCS = 15;
    private static final int MAX_EXTENSION_DATA = 0xFFFF * 4;
    private static final int MAX_PADDING = 255;

    private enum Stage { IDLE, HEADER, EXTENSIONS, PAYLOAD }

    private final HeaderExtensions existing = new HeaderExtensions();
    private Stage stage = Stage.IDLE;
    private ByteBuf dst;
    private int start;
    private HeaderExtensionForm form;
    private int extensionStart;

    /** Begins a packet with the fixed header at {@code dst}'s writer index. */
    public RtpPacketWriter start(ByteBuf dst, int payloadType, boolean marker, int sequenceNumber, int timestamp,
            int ssrc) {
        if (payloadType < 0 || payloadType > RtpPacket.MAX_PAYLOAD_TYPE) {
            throw new IllegalArgumentException("payload type " + payloadType + " is not 0..127");
        }
        this.dst = dst;
        this.start = dst.writerIndex();
        this.form = null;
        dst.writeByte(RtpPacket.VERSION << 6);
        dst.writeByte((marker ? RtpPacket.MARKER_BIT : 0) | payloadType);
        dst.writeShort(sequenceNumber);
        dst.writeInt(timestamp);
        dst.writeInt(ssrc);
        stage = Stage.HEADER;
        return this;
    }

    /** Appends a contributing source; at most 15, before any extension. */
    public RtpPacketWriter csrc(int csrc) {
        expect(Stage.HEADER);
        int flags = dst.getUnsignedByte(start);
        if ((flags & RtpPacket.CSRC_COUNT_MASK) == MAX_CSRCS) {
            throw new IllegalStateException("an RTP header holds at most 15 CSRCs");
        }
        dst.setByte(start, flags + 1);
        dst.writeInt(csrc);
        return this;
    }

    /** Opens an RFC 8285 extension block announced by {@code profile} (0xBEDE, or 0x1000..0x100F with appbits). */
    public RtpPacketWriter beginExtensions(int profile) {
        expect(Stage.HEADER);
        form = HeaderExtensionForm.of(profile);
        if (form == null) {
            throw new IllegalArgumentException("profile 0x" + Integer.toHexString(profile) + " is not RFC 8285");
        }
        dst.setByte(start, dst.getUnsignedByte(start) | RtpPacket.EXTENSION_BIT);
        extensionStart = dst.writerIndex();
        dst.writeShort(profile);
        dst.writeShort(0);
        stage = Stage.EXTENSIONS;
        return this;
    }

    /** Appends an element whose value is {@code length} bytes of {@code src} from {@code index}. */
    public RtpPacketWriter extension(int id, ByteBuf src, int index, int length) {
        expect(Stage.EXTENSIONS);
        if (!form.fits(id, length)) {
            throw new IllegalArgumentException("id " + id + " with " + length + " bytes does not fit the " + form
                    + " form");
        }
        if (form == HeaderExtensionForm.ONE_BYTE) {
            dst.writeByte(id << 4 | (length - 1));
        } else {
            dst.writeByte(id);
            dst.writeByte(length);
        }
        dst.writeBytes(src, index, length);
        return this;
    }

    /** Appends zero bytes between elements (RFC 8285 §4.1 allows them, e.g. for alignment). */
    public RtpPacketWriter extensionPadding(int count) {
        expect(Stage.EXTENSIONS);
        dst.writeZero(count);
        return this;
    }

    /** Appends payload bytes, closing the extension block if one is open. */
    public RtpPacketWriter payload(ByteBuf src, int index, int length) {
        closeExtensions();
        dst.writeBytes(src, index, length);
        return this;
    }

    /**
     * Ends the packet, with {@code paddingLength} bytes of RTP padding (0, or 1..255 counting the count byte).
     *
     * @return the length of the packet written
     */
    public int finish(int paddingLength) {
        if (paddingLength < 0 || paddingLength > MAX_PADDING) {
            throw new IllegalArgumentException("padding " + paddingLength + " is not 0..255");
        }
        closeExtensions();
        if (paddingLength > 0) {
            dst.setByte(start, dst.getUnsignedByte(start) | RtpPacket.PADDING_BIT);
            dst.writeZero(paddingLength - 1);
            dst.writeByte(paddingLength);
        }
        stage = Stage.IDLE;
        int written = dst.writerIndex() - start;
        dst = null;
        return written;
    }

    private void closeExtensions() {
        if (stage == Stage.EXTENSIONS) {
            int dataLength = dst.writerIndex() - extensionStart - RtpPacket.EXTENSION_HEADER_LENGTH;
            int padded = (dataLength + 3) & ~3;
            if (padded > MAX_EXTENSION_DATA) {
                throw new IllegalStateException("extension block of " + padded + " bytes exceeds 65535 words");
            }
            dst.writeZero(padded - dataLength);
            dst.setShort(extensionStart + 2, padded / 4);
        } else if (stage != Stage.HEADER && stage != Stage.PAYLOAD) {
            throw new IllegalStateException("no packet started");
        }
        stage = Stage.PAYLOAD;
    }

    private void expect(Stage wanted) {
        if (stage != wanted) {
            throw new IllegalStateException("expected stage " + wanted + " but at " + stage);
        }
    }

    /**
     * Writes a copy of the valid {@code packet} at {@code dst}'s writer index with one more RFC 8285 element: the
     * header grows, so the packet cannot stay where it is. The copy keeps the fixed header, CSRCs, the existing
     * elements in order, the payload and the padding length (padding bytes are rewritten as zeros); trailing zero
     * bytes of the old block are dropped before the new element. A packet without a block gets a one-byte one.
     * When the new element does not fit the one-byte form (ID above 14, empty or longer than 16 bytes) the whole
     * block is re-encoded in the two-byte form, which the session must have negotiated (RFC 8285 §6,
     * a=extmap-allow-mixed). Borrows {@code packet}'s buffer and {@code value}; {@code dst} must be another buffer.
     * Nothing is written unless the result is {@link AddExtensionResult#ADDED}.
     *
     * @throws IllegalArgumentException if {@code id}/{@code length} fit neither form (ID 1..255, length 0..255)
     */
    public AddExtensionResult writeWithExtension(RtpPacket packet, ByteBuf dst, int id, ByteBuf value, int index,
            int length) {
        if (!HeaderExtensionForm.TWO_BYTE.fits(id, length)) {
            throw new IllegalArgumentException("id " + id + " with " + length + " bytes fits no RFC 8285 form");
        }
        HeaderExtensionForm target = HeaderExtensionForm.ONE_BYTE;
        int profile = HeaderExtensionForm.ONE_BYTE.profile();
        if (packet.hasExtension()) {
            profile = packet.extensionProfile();
            target = HeaderExtensionForm.of(profile);
            if (target == null) {
                return AddExtensionResult.FOREIGN_PROFILE;
            }
            existing.wrap(packet);
            while (existing.next()) {
                if (existing.id() == id) {
                    return AddExtensionResult.DUPLICATE_ID;
                }
            }
            if (existing.dropReason() != null) {
                return AddExtensionResult.MALFORMED_BLOCK;
            }
        }
        if (!target.fits(id, length)) {
            target = HeaderExtensionForm.TWO_BYTE;
            profile = HeaderExtensionForm.TWO_BYTE.profile();
        }
        // Re-encoding one-byte elements as two-byte ones adds at most one byte per data byte.
        long worstCase = (long) packet.length() + RtpPacket.EXTENSION_HEADER_LENGTH + packet.extensionDataLength()
                + 2 + length + 3;
        if (dst.maxWritableBytes() < worstCase
                || 2L * packet.extensionDataLength() + 2 + length + 3 > MAX_EXTENSION_DATA) {
            return AddExtensionResult.NO_ROOM;
        }
        ByteBuf src = packet.buffer();
        start(dst, packet.payloadType(), packet.marker(), packet.sequenceNumber(), packet.timestamp(), packet.ssrc());
        for (int i = 0; i < packet.csrcCount(); i++) {
            csrc(packet.csrc(i));
        }
        beginExtensions(profile);
        if (packet.hasExtension()) {
            existing.wrap(packet);
            while (existing.next()) {
                extension(existing.id(), src, existing.valueOffset(), existing.valueLength());
            }
        }
        extension(id, value, index, length);
        payload(src, packet.payloadOffset(), packet.payloadLength());
        finish(packet.paddingLength());
        return AddExtensionResult.ADDED;
    }
}
