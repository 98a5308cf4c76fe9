package io.hivemind.relay.bench.load;

import io.netty.buffer.ByteBuf;

/**
 * Carries a packet's send time inside a valid Opus packet, so it crosses any SFU that forwards the RTP payload as is.
 * A one-frame (code 0) packet becomes a code 3 packet with one CBR frame and {@link #PADDING} bytes of Opus padding
 * (RFC 6716 §3.2.5); the padding holds a 4-byte magic and the sender's 64-bit {@code System.nanoTime()}. Decoders
 * must accept any padding value, so the packet still decodes to the same audio. Header extensions would not do:
 * our relay keeps only the audio-level element and Janus re-writes the extensions it knows.
 *
 * <pre>
 *  TOC|c=3 | 0x41 (p=1, M=1) | padding length (12) | frame ... | 'H' 'M' 't' 's' | send nanos (8, big endian)
 * </pre>
 */
public final class StampedOpus {

    static final int PADDING = 12;
    /** The bytes a stamped packet adds to the code 0 packet: frame count and padding length bytes, the padding. */
    public static final int OVERHEAD = 2 + PADDING;
    private static final int MAGIC = 0x484d7473;
    private static final int CODE_MASK = 0x03;
    private static final int PADDED_ONE_FRAME = 0x41;

    private StampedOpus() {
    }

    /**
     * Writes {@code frame} (a one-frame, code 0 Opus packet: TOC then frame data) as a stamped packet at {@code out}'s
     * writer index, with the time still zero.
     *
     * @return the index of the 8 time bytes in {@code out}, for {@link #stamp}
     * @throws IllegalArgumentException when {@code frame} is not a non-empty code 0 packet
     */
    public static int write(byte[] frame, ByteBuf out) {
        if (frame.length < 1 || (frame[0] & CODE_MASK) != 0) {
            throw new IllegalArgumentException("a stamped packet wraps one code 0 Opus frame");
        }
        out.writeByte((frame[0] & ~CODE_MASK) | 3).writeByte(PADDED_ONE_FRAME).writeByte(PADDING);
        out.writeBytes(frame, 1, frame.length - 1);
        out.writeInt(MAGIC);
        int timeIndex = out.writerIndex();
        out.writeLong(0);
        return timeIndex;
    }

    /** Sets the send time of a packet {@link #write} produced. */
    public static void stamp(ByteBuf packet, int timeIndex, long sendNanos) {
        packet.setLong(timeIndex, sendNanos);
    }

    /**
     * The send time in the Opus payload at {@code offset} ({@code length} bytes) of {@code buf}, or
     * {@link Long#MIN_VALUE} when the payload is not a stamped packet. Borrows {@code buf}; reads only inside the
     * given range.
     */
    public static long sendNanos(ByteBuf buf, int offset, int length) {
        if (length < OVERHEAD + 1 || (buf.getByte(offset) & CODE_MASK) != 3
                || buf.getUnsignedByte(offset + 1) != PADDED_ONE_FRAME
                || buf.getUnsignedByte(offset + 2) != PADDING) {
            return Long.MIN_VALUE;
        }
        int end = offset + length;
        if (buf.getInt(end - PADDING) != MAGIC) {
            return Long.MIN_VALUE;
        }
        return buf.getLong(end - Long.BYTES);
    }
}
