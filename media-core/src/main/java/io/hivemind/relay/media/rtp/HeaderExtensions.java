package io.hivemind.relay.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * A reusable cursor over the elements of an RFC 8285 header extension block (one-byte or two-byte form, see
 * {@link HeaderExtensionForm}).
 *
 * <pre>{@code
 * extensions.wrap(packet);
 * while (extensions.next()) {
 *     use(extensions.id(), extensions.valueOffset(), extensions.valueLength());
 * }
 * if (extensions.dropReason() != null) { ... malformed block ... }
 * }</pre>
 *
 * Zero bytes between elements are skipped as padding (§4.1). In the one-byte form the reserved ID 15 (§4.2), and the
 * padding ID 0 with a non-zero length (§4.1.2), end the walk with their length ignored, keeping the elements before
 * them. An element running past the block stops the walk with {@link RtpDropReason#BAD_EXTENSION_ELEMENT}.
 * {@link RtpPacket#wrap} does not walk the elements, so a packet can be valid while its block is not. Values can be
 * rewritten in place; adding an element changes the header length and is done by
 * {@link RtpPacketWriter#writeWithExtension}. Borrows the buffer like {@link RtpPacket}; not thread-safe.
 */
public final class HeaderExtensions {
    private ByteBuf buf;
    private HeaderExtensionForm form;
    private int start;
    private int end;
    private int position;
    private int id;
    private int valueOffset;
    private int valueLength;
    private RtpDropReason dropReason;

    /**
     * Walks the extension block of a valid {@code packet}; a packet without one, or with a profile that is not
     * RFC 8285, has no elements.
     */
    public void wrap(RtpPacket packet) {
        wrap(packet.buffer(), packet.extensionProfile(), packet.extensionDataOffset(), packet.extensionDataLength());
    }

    /** Walks {@code length} bytes of extension data at absolute {@code offset} announced by {@code profile}. */
    public void wrap(ByteBuf buf, int profile, int offset, int length) {
        this.buf = buf;
        this.form = HeaderExtensionForm.of(profile);
        this.start = offset;
        this.end = offset + length;
        rewind();
    }

    /** Goes back before the first element. */
    public void rewind() {
        position = form == null ? end : start;
        id = 0;
        valueOffset = -1;
        valueLength = 0;
        dropReason = null;
    }

    /** The form of the block, or {@code null} when it is not RFC 8285 (or absent). */
    public HeaderExtensionForm form() {
        return form;
    }

    /**
     * Moves to the next element.
     *
     * @return false at the end of the block, at a one-byte stop (ID 15, or ID 0 with a length), or at a malformed
     *     element (then {@link #dropReason()} is set); stays false until {@link #rewind()}
     */
    public boolean next() {
        while (position < end) {
            int first = buf.getUnsignedByte(position);
            if (first == 0) {
                position++;
                continue;
            }
            int dataOffset;
            int dataLength;
            if (form == HeaderExtensionForm.ONE_BYTE) {
                id = first >>> 4;
                if (id == HeaderExtensionForm.ONE_BYTE_STOP_ID || id == 0) {
                    return stop(null);
                }
                dataOffset = position + 1;
                dataLength = (first & 0x0F) + 1;
            } else {
                if (position + 2 > end) {
                    return stop(RtpDropReason.BAD_EXTENSION_ELEMENT);
                }
                id = first;
                dataOffset = position + 2;
                dataLength = buf.getUnsignedByte(position + 1);
            }
            if (dataLength > end - dataOffset) {
                return stop(RtpDropReason.BAD_EXTENSION_ELEMENT);
            }
            valueOffset = dataOffset;
            valueLength = dataLength;
            position = dataOffset + dataLength;
            return true;
        }
        return stop(null);
    }

    private boolean stop(RtpDropReason reason) {
        position = end;
        id = 0;
        valueOffset = -1;
        valueLength = 0;
        if (reason != null) {
            dropReason = reason;
        }
        return false;
    }

    /** Rewinds and moves to the first element with this ID; false if there is none before the walk stops. */
    public boolean find(int wantedId) {
        rewind();
        while (next()) {
            if (id == wantedId) {
                return true;
            }
        }
        return false;
    }

    /**
     * Overwrites in place the value of the element with this ID with {@code length} bytes of {@code src} from
     * {@code srcIndex}; the value's length cannot change here.
     *
     * @return false if there is no such element or its value is not {@code length} bytes long
     */
    public boolean rewrite(int wantedId, ByteBuf src, int srcIndex, int length) {
        if (!find(wantedId) || valueLength != length) {
            return false;
        }
        buf.setBytes(valueOffset, src, srcIndex, length);
        return true;
    }

    /** ID of the current element. */
    public int id() {
        return id;
    }

    /** Absolute index of the current element's value in the buffer. */
    public int valueOffset() {
        return valueOffset;
    }

    /** Length of the current element's value (1..16 in the one-byte form, 0..255 in the two-byte form). */
    public int valueLength() {
        return valueLength;
    }

    /** Why the walk stopped early, or {@code null} while it is fine. */
    public RtpDropReason dropReason() {
        return dropReason;
    }

    /** The viewed buffer (borrowed). */
    ByteBuf buffer() {
        return buf;
    }
}
