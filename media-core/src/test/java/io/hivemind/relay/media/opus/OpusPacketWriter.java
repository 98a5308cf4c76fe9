package io.hivemind.relay.media.opus;

import java.io.ByteArrayOutputStream;

/** Packs frames into an Opus packet of a chosen code (RFC 6716 §3.2): the test-side inverse of {@link OpusToc}. */
final class OpusPacketWriter {

    private OpusPacketWriter() {
    }

    /**
     * @param tocHigh  config and stereo bits of the TOC ({@code config << 3 | s << 2}); the code is added here
     * @param code     0..3; codes 1 and 2 need two frames, code 1 of equal length
     * @param vbr      code 3 only: explicit frame lengths
     * @param padding  code 3 only: trailing padding bytes
     */
    static byte[] write(int tocHigh, int code, boolean vbr, int padding, byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tocHigh & 0xFC | code);
        if (code == 2) {
            writeLength(out, frames[0].length);
        } else if (code == 3) {
            out.write((vbr ? 0x80 : 0) | (padding > 0 ? 0x40 : 0) | frames.length);
            if (padding > 0) {
                int left = padding;
                while (left >= 254) {
                    out.write(255);
                    left -= 254;
                }
                out.write(left);
            }
            for (int i = 0; vbr && i < frames.length - 1; i++) {
                writeLength(out, frames[i].length);
            }
        }
        for (byte[] frame : frames) {
            out.writeBytes(frame);
        }
        out.writeBytes(new byte[code == 3 ? padding : 0]);
        return out.toByteArray();
    }

    /** §3.2.1: one byte below 252, else {@code 252 + (n & 3)} then {@code (n - first) / 4}. */
    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 252) {
            out.write(length);
        } else {
            int first = 252 + (length & 3);
            out.write(first);
            out.write((length - first) >> 2);
        }
    }
}
