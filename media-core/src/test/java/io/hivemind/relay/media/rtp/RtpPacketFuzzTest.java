package io.hivemind.relay.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Any bytes parse to a packet or a drop reason; a valid packet's parts stay inside it; rewriting the header fields
 * and adding an extension element both reparse to what was written.
 *
 * <p>Fuzzing mode: {@code JAZZER_FUZZ=1 mvn -o -pl media-core test -Dtest=RtpPacketFuzzTest}.
 */
class RtpPacketFuzzTest {
    /** An ID the writer can always use, in either form. */
    private static final int ADDED_ID = 14;

    @FuzzTest
    void parse(byte[] data) {
        check(data);
    }

    @Test
    void generatedSeedsAndMutationsHoldTheInvariants() {
        for (byte[] seed : RtpSeeds.validPackets()) {
            ByteBuf buf = Unpooled.wrappedBuffer(seed);
            try {
                assertThat(new RtpPacket().wrap(buf)).as(ByteBufUtil.hexDump(seed)).isTrue();
            } finally {
                buf.release();
            }
            RtpSeeds.mutate(seed, RtpPacketFuzzTest::check);
        }
    }

    private static void check(byte[] data) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        RtpPacket packet = new RtpPacket();
        try {
            boolean valid = packet.wrap(buf);
            assertThat(packet.dropReason() == null).isEqualTo(valid);
            assertThat(RtpPacket.isRtp(buf, 0)).isEqualTo(RtpPacket.isRtp(buf, 0));
            if (valid) {
                checkBounds(packet, data.length);
                checkRewrite(packet, data);
                checkAddedExtension(packet, data);
            }
        } finally {
            buf.release();
        }
    }

    private static void checkBounds(RtpPacket packet, int length) {
        assertThat(packet.version()).isEqualTo(RtpPacket.VERSION);
        assertThat(packet.headerLength()).isBetween(RtpPacket.FIXED_HEADER_LENGTH, length);
        assertThat(packet.headerLength() + packet.payloadLength() + packet.paddingLength()).isEqualTo(length);
        assertThat(packet.payloadLength()).isNotNegative();
        assertThat(packet.paddingLength() > 0).isEqualTo(packet.hasPadding());
        for (int i = 0; i < packet.csrcCount(); i++) {
            packet.csrc(i);
        }
        if (packet.hasExtension()) {
            assertThat(packet.extensionDataOffset()).isGreaterThanOrEqualTo(RtpPacket.FIXED_HEADER_LENGTH + 4);
            assertThat(packet.extensionDataOffset() + packet.extensionDataLength()).isEqualTo(packet.headerLength());
        }
    }

    private static void checkRewrite(RtpPacket packet, byte[] original) {
        int payloadType = (packet.payloadType() + 1) & 0x7F;
        boolean marker = !packet.marker();
        int sequenceNumber = (packet.sequenceNumber() + 1) & 0xFFFF;
        int timestamp = packet.timestamp() + 960;
        int ssrc = ~packet.ssrc();
        packet.setPayloadType(payloadType);
        packet.setMarker(marker);
        packet.setSequenceNumber(sequenceNumber);
        packet.setTimestamp(timestamp);
        packet.setSsrc(ssrc);

        RtpPacket reparsed = new RtpPacket();
        assertThat(reparsed.wrap(packet.buffer())).isTrue();
        assertThat(reparsed.payloadType()).isEqualTo(payloadType);
        assertThat(reparsed.marker()).isEqualTo(marker);
        assertThat(reparsed.sequenceNumber()).isEqualTo(sequenceNumber);
        assertThat(reparsed.timestamp()).isEqualTo(timestamp);
        assertThat(reparsed.ssrc()).isEqualTo(ssrc);
        assertThat(reparsed.headerLength()).isEqualTo(packet.headerLength());
        assertThat(reparsed.payloadLength()).isEqualTo(packet.payloadLength());
        byte[] rewritten = ByteBufUtil.getBytes(packet.buffer());
        assertThat(rewritten[0]).as("flags untouched").isEqualTo(original[0]);
        assertThat(Arrays.copyOfRange(rewritten, 12, rewritten.length))
                .as("everything after the SSRC untouched")
                .isEqualTo(Arrays.copyOfRange(original, 12, original.length));
    }

    private static void checkAddedExtension(RtpPacket packet, byte[] data) {
        ByteBuf value = Unpooled.wrappedBuffer(new byte[] {0x5A});
        ByteBuf dst = Unpooled.buffer(data.length + 16);
        try {
            AddExtensionResult result = new RtpPacketWriter().writeWithExtension(packet, dst, ADDED_ID, value, 0, 1);
            if (result != AddExtensionResult.ADDED) {
                assertThat(dst.writerIndex()).isZero();
                return;
            }
            RtpPacket copy = new RtpPacket();
            assertThat(copy.wrap(dst)).isTrue();
            assertThat(copy.payloadLength()).isEqualTo(packet.payloadLength());
            assertThat(copy.paddingLength()).isEqualTo(packet.paddingLength());
            assertThat(copy.csrcCount()).isEqualTo(packet.csrcCount());
            assertThat(ByteBufUtil.equals(copy.buffer(), copy.payloadOffset(), packet.buffer(), packet.payloadOffset(),
                    packet.payloadLength())).isTrue();
            HeaderExtensions original = new HeaderExtensions();
            HeaderExtensions written = new HeaderExtensions();
            original.wrap(packet);
            written.wrap(copy);
            while (original.next()) {
                assertThat(written.next()).isTrue();
                assertThat(written.id()).isEqualTo(original.id());
                assertThat(ByteBufUtil.equals(dst, written.valueOffset(), packet.buffer(), original.valueOffset(),
                        original.valueLength())).isTrue();
            }
            assertThat(written.next()).isTrue();
            assertThat(written.id()).isEqualTo(ADDED_ID);
            assertThat(dst.getByte(written.valueOffset())).isEqualTo((byte) 0x5A);
            assertThat(written.next()).isFalse();
            assertThat(written.dropReason()).isNull();
        } finally {
            value.release();
            dst.release();
        }
    }
}
