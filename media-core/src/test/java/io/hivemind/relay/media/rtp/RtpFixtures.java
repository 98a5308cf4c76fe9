package io.hivemind.relay.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Test packets typed in as hex. */
final class RtpFixtures {
    /**
     * V=2 P=1 X=1 CC=2, M=1 PT=96, seq 65535, ts 65536, SSRC 0x11223344, CSRCs 1 and 2, a one-byte block holding
     * audio level element ID 1 (0x7f) and two padding bytes, payload aa bb cc, three bytes of RTP padding.
     */
    static final String FULL_PACKET = "b2e0ffff" + "00010000" + "11223344" + "00000001" + "00000002"
            + "bede0001" + "107f0000" + "aabbcc" + "000003";

    /**
     * A Chromium-style Opus packet: PT 111, one-byte block with audio level (ID 1, V=1, 40 -dBov) and transport-wide
     * sequence number (ID 3, two bytes 0x0102), then ten payload bytes.
     */
    static final String CHROMIUM_OPUS = "906f1234" + "0001e240" + "cafebabe" + "bede0002" + "10a83101" + "02000000"
            + "f8fffe00112233445566";

    private RtpFixtures() {
    }

    /** A heap buffer with these bytes; the caller releases it. */
    static ByteBuf hex(String hex) {
        return Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
    }
}
