package io.hivemind.relay.media.opus;

import io.netty.buffer.ByteBuf;

/**
 * Reads an Opus packet's framing without decoding it: the TOC byte (RFC 6716 §3.1), the frame packing of codes
 * 0..3 (§3.2) and the validity rules [R1]..[R7] (§3.4). A reusable flyweight: {@link #parse} overwrites the
 * previous result, reads the buffer with absolute gets and allocates nothing.
 *
 * <pre>
 *  TOC byte                          code 3 frame count byte
 *   0 1 2 3 4 5 6 7                   0 1 2 3 4 5 6 7
 *  +-+-+-+-+-+-+-+-+                 +-+-+-+-+-+-+-+-+
 *  | config  |s| c |                 |v|p|     M     |
 *  +-+-+-+-+-+-+-+-+                 +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Frame lengths (§3.2.1) take one byte for 0..251, else two: {@code 4 * second + first}, up to 1275.
 * Padding lengths (§3.2.5) chain bytes of 255 (each adding 254) until one below 255.
 */
public final class OpusToc {

    /** RFC 6716 §3.2.5: at most 48 frames, and at most 120 ms (5760 samples at 48 kHz) per packet. */
    public static final int MAX_FRAMES = 48;
    public static final int MAX_PACKET_SAMPLES = 5760;
    /** RFC 6716 §3.2.1. */
    public static final int MAX_FRAME_BYTES = 1275;

    private static final int STEREO_BIT = 0x04;
    private static final int CODE_MASK = 0x03;
    private static final int VBR_BIT = 0x80;
    private static final int PADDING_BIT = 0x40;
    private static final int COUNT_MASK = 0x3F;
    private static final int TWO_BYTE_LENGTH = 252;
    private static final int PADDING_CONTINUES = 255;

    private static final int[] SILK_SAMPLES = {480, 960, 1920, 2880};
    private static final int[] SHORT_SAMPLES = {120, 240, 480, 960};
    private static final OpusBandwidth[] BANDWIDTHS = OpusBandwidth.values();

    private final int[] frameOffsets = new int[MAX_FRAMES];
    private final int[] frameLengths = new int[MAX_FRAMES];
    private int config;
    private boolean stereo;
    private int code;
    private boolean vbr;
    private int frameCount;
    private int paddingLength;

    /**
     * Parses {@code length} bytes at {@code index} of {@code buf} (indexes unchanged).
     *
     * @return {@link OpusDropReason#NONE} when the packet is well formed, else the violated rule; the getters
     *         describe the packet only after {@code NONE}
     * @throws IndexOutOfBoundsException when {@code index}/{@code length} do not lie within {@code buf}
     */
    public OpusDropReason parse(ByteBuf buf, int index, int length) {
        if (index < 0 || length < 0 || length > buf.capacity() - index) {
            throw new IndexOutOfBoundsException("range " + index + "+" + length + " outside " + buf.capacity());
        }
        frameCount = 0;
        vbr = false;
        paddingLength = 0;
        if (length < 1) {
            return OpusDropReason.EMPTY;
        }
        int toc = buf.getUnsignedByte(index);
        config = toc >>> 3;
        stereo = (toc & STEREO_BIT) != 0;
        code = toc & CODE_MASK;
        int payload = length - 1;
        switch (code) {
            case 0:
                return frames(1, index + 1, payload);
            case 1:
                return (payload & 1) != 0 ? OpusDropReason.ODD_CODE1_PAYLOAD : frames(2, index + 1, payload / 2);
            case 2:
                return parseCode2(buf, index + 1, payload);
            default:
                return parseCode3(buf, index + 1, payload);
        }
    }

    private OpusDropReason parseCode2(ByteBuf buf, int at, int remaining) {
        int first = frameLength(buf, at, remaining);
        if (first < 0) {
            return OpusDropReason.BAD_CODE2_LENGTH;
        }
        int header = lengthBytes(first);
        int data = remaining - header;
        if (first > data) {
            return OpusDropReason.BAD_CODE2_LENGTH;
        }
        record(0, at + header, first);
        return last(1, at + header + first, data - first);
    }

    private OpusDropReason parseCode3(ByteBuf buf, int at, int remaining) {
        if (remaining < 1) {
            return OpusDropReason.MISSING_FRAME_COUNT;
        }
        int countByte = buf.getUnsignedByte(at++);
        remaining--;
        int count = countByte & COUNT_MASK;
        if (count == 0) {
            return OpusDropReason.NO_FRAMES;
        }
        if (count * frameSamples() > MAX_PACKET_SAMPLES) {
            return OpusDropReason.OVER_120_MS;
        }
        if ((countByte & PADDING_BIT) != 0) {
            int step;
            do {
                if (remaining <= 0) {
                    return OpusDropReason.BAD_PADDING;
                }
                step = buf.getUnsignedByte(at++);
                remaining--;
                int added = step == PADDING_CONTINUES ? PADDING_CONTINUES - 1 : step;
                remaining -= added;
                paddingLength += added;
            } while (step == PADDING_CONTINUES);
            if (remaining < 0) {
                return OpusDropReason.BAD_PADDING;
            }
        }
        if ((countByte & VBR_BIT) == 0) {
            return remaining % count != 0 ? OpusDropReason.CBR_NOT_DIVISIBLE : frames(count, at, remaining / count);
        }
        vbr = true;
        int header = 0;
        for (int i = 0; i < count - 1; i++) {
            int size = frameLength(buf, at + header, remaining - header);
            if (size < 0) {
                return OpusDropReason.VBR_TRUNCATED;
            }
            header += lengthBytes(size);
            frameLengths[i] = size;
            remaining -= size;
            if (remaining < header) {
                return OpusDropReason.VBR_TRUNCATED;
            }
        }
        int offset = at + header;
        for (int i = 0; i < count - 1; i++) {
            frameOffsets[i] = offset;
            offset += frameLengths[i];
        }
        return last(count - 1, offset, remaining - header);
    }

    /** {@code count} frames of {@code size} bytes each, back to back from {@code at}. */
    private OpusDropReason frames(int count, int at, int size) {
        for (int i = 0; i < count - 1; i++) {
            record(i, at + i * size, size);
        }
        return last(count - 1, at + (count - 1) * size, size);
    }

    /** The final frame's length is implicit, so only here can [R2] be broken. */
    private OpusDropReason last(int i, int at, int size) {
        if (size > MAX_FRAME_BYTES) {
            return OpusDropReason.FRAME_TOO_LONG;
        }
        record(i, at, size);
        frameCount = i + 1;
        return OpusDropReason.NONE;
    }

    private void record(int i, int at, int size) {
        frameOffsets[i] = at;
        frameLengths[i] = size;
    }

    /** §3.2.1 length at {@code at}, or -1 when its bytes are not within {@code remaining}. */
    private static int frameLength(ByteBuf buf, int at, int remaining) {
        if (remaining < 1) {
            return -1;
        }
        int first = buf.getUnsignedByte(at);
        if (first < TWO_BYTE_LENGTH) {
            return first;
        }
        return remaining < 2 ? -1 : 4 * buf.getUnsignedByte(at + 1) + first;
    }

    /** One byte encodes 0..251 and two bytes 252..1275, so the value alone says how many were used. */
    private static int lengthBytes(int frameLength) {
        return frameLength < TWO_BYTE_LENGTH ? 1 : 2;
    }

    /** Configuration number 0..31 (§3.1, Table 2). */
    public int config() {
        return config;
    }

    public OpusMode mode() {
        return config < 12 ? OpusMode.SILK : config < 16 ? OpusMode.HYBRID : OpusMode.CELT;
    }

    public OpusBandwidth bandwidth() {
        if (config < 12) {
            return BANDWIDTHS[config >> 2];
        }
        if (config < 16) {
            return config < 14 ? OpusBandwidth.SUPERWIDEBAND : OpusBandwidth.FULLBAND;
        }
        int band = (config - 16) >> 2;
        return band == 0 ? OpusBandwidth.NARROWBAND : BANDWIDTHS[band + 1];
    }

    /** Samples per frame at 48 kHz: 120 (2.5 ms) to 2880 (60 ms). */
    public int frameSamples() {
        if (config < 12) {
            return SILK_SAMPLES[config & 3];
        }
        if (config < 16) {
            return SHORT_SAMPLES[2 + (config & 1)];
        }
        return SHORT_SAMPLES[config & 3];
    }

    public boolean stereo() {
        return stereo;
    }

    /** The frame count code c, 0..3 (§3.2). */
    public int frameCountCode() {
        return code;
    }

    /** Code 3 only: frames carry explicit lengths. */
    public boolean vbr() {
        return vbr;
    }

    /** 1..48 for a well-formed packet. */
    public int frameCount() {
        return frameCount;
    }

    /** Packet duration in samples at 48 kHz, at most 5760 (120 ms). */
    public int durationSamples() {
        return frameCount * frameSamples();
    }

    /** Trailing padding bytes of a code 3 packet (not counting the padding length bytes). */
    public int paddingLength() {
        return paddingLength;
    }

    /** Absolute buffer index of frame {@code i}'s data. */
    public int frameOffset(int i) {
        return frameOffsets[checkFrame(i)];
    }

    /** Length of frame {@code i} in bytes; 0 is a DTX or lost frame (§3.2.1). */
    public int frameLength(int i) {
        return frameLengths[checkFrame(i)];
    }

    private int checkFrame(int i) {
        if (i < 0 || i >= frameCount) {
            throw new IndexOutOfBoundsException("frame " + i + " of " + frameCount);
        }
        return i;
    }
}
