package io.hivemind.relay.media.rtp;

import static io.hivemind.relay.media.rtp.RtpFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Packets and expectations from independent implementations' unit tests: libwebrtc's rtp_packet_unittest.cc
 * (PT 100, sequence 88, timestamp 0x65431278, SSRC 0x12345678, transmission offset 0x56ce under ID 1, audio level
 * V=1 level 0x5a under ID 9) and pion/rtp's packet_test.go.
 */
class InteropVectorsTest {
    private static final String WEBRTC_HEADER = "90640058" + "65431278" + "12345678";
    private static final String WEBRTC_TO_AND_AL = WEBRTC_HEADER + "bede0002" + "120056ce" + "90da0000";
    private static final String WEBRTC_TWO_BYTE_ID_LAST = WEBRTC_HEADER + "10000004" + "01030056" + "ce0901da"
            + "f0030030" + "22000000";
    private static final String WEBRTC_FULL = "b2640058" + "65431278" + "12345678" + "34567890" + "32435465"
            + "bede0001" + "120056ce" + "7061796c6f6164" + "70616464696e6708";

    private final RtpPacket packet = new RtpPacket();
    private final HeaderExtensions extensions = new HeaderExtensions();

    @Test
    void webrtcPacketWithTransmissionOffsetAndAudioLevel() {
        ByteBuf buf = hex(WEBRTC_TO_AND_AL);
        try {
            assertThat(packet.wrap(buf)).isTrue();
            assertThat(packet.payloadType()).isEqualTo(100);
            assertThat(packet.sequenceNumber()).isEqualTo(88);
            assertThat(packet.timestamp()).isEqualTo(0x65431278);
            assertThat(packet.ssrc()).isEqualTo(0x12345678);
            assertThat(packet.payloadLength()).isZero();
            extensions.wrap(packet);
            assertThat(extensions.find(1)).isTrue();
            assertThat(buf.getUnsignedMedium(extensions.valueOffset())).isEqualTo(0x56ce);
            int level = AudioLevelExtension.read(extensions, 9);
            assertThat(AudioLevelExtension.voiceActivity(level)).isTrue();
            assertThat(AudioLevelExtension.level(level)).isEqualTo(0x5a);
        } finally {
            buf.release();
        }
    }

    @Test
    void webrtcTwoBytePacketWithIdAbove14() {
        ByteBuf buf = hex(WEBRTC_TWO_BYTE_ID_LAST);
        try {
            assertThat(packet.wrap(buf)).isTrue();
            extensions.wrap(packet);
            assertThat(extensions.form()).isEqualTo(HeaderExtensionForm.TWO_BYTE);
            assertThat(AudioLevelExtension.read(extensions, 9)).isEqualTo(0x80 | 0x5a);
            assertThat(extensions.find(0xf0)).isTrue();
            assertThat(ByteBufUtil.hexDump(buf, extensions.valueOffset(), extensions.valueLength()))
                    .isEqualTo("003022");
        } finally {
            buf.release();
        }
    }

    @Test
    void webrtcPacketWithCsrcsAndNonZeroPadding() {
        ByteBuf buf = hex(WEBRTC_FULL);
        try {
            assertThat(packet.wrap(buf)).isTrue();
            assertThat(packet.csrcCount()).isEqualTo(2);
            assertThat(packet.csrc(0)).isEqualTo(0x34567890);
            assertThat(packet.csrc(1)).isEqualTo(0x32435465);
            assertThat(packet.paddingLength()).isEqualTo(8);
            assertThat(buf.toString(packet.payloadOffset(), packet.payloadLength(), StandardCharsets.US_ASCII))
                    .isEqualTo("payload");
        } finally {
            buf.release();
        }
    }

    @Test
    void writerReproducesWebrtcBytes() {
        ByteBuf offset = hex("0056ce");
        ByteBuf level = Unpooled.buffer(1).writeByte(AudioLevelExtension.encode(true, 0x5a));
        ByteBuf delay = hex("003022");
        ByteBuf oneByte = Unpooled.buffer();
        ByteBuf twoByte = Unpooled.buffer();
        RtpPacketWriter writer = new RtpPacketWriter();
        try {
            writer.start(oneByte, 100, false, 88, 0x65431278, 0x12345678).beginExtensions(0xBEDE)
                    .extension(1, offset, 0, 3).extension(9, level, 0, 1).finish(0);
            assertThat(ByteBufUtil.hexDump(oneByte)).isEqualTo(WEBRTC_TO_AND_AL);
            writer.start(twoByte, 100, false, 88, 0x65431278, 0x12345678).beginExtensions(0x1000)
                    .extension(1, offset, 0, 3).extension(9, level, 0, 1).extension(0xf0, delay, 0, 3).finish(0);
            assertThat(ByteBufUtil.hexDump(twoByte)).isEqualTo(WEBRTC_TWO_BYTE_ID_LAST);
        } finally {
            offset.release();
            level.release();
            delay.release();
            oneByte.release();
            twoByte.release();
        }
    }

    @Test
    void pionBasicPacketWithAForeignProfile() {
        ByteBuf buf = hex("90e0698f" + "d9c293da" + "1c642782" + "00010001" + "ffffffff" + "9836be889e");
        try {
            assertThat(packet.wrap(buf)).isTrue();
            assertThat(packet.marker()).isTrue();
            assertThat(packet.payloadType()).isEqualTo(96);
            assertThat(packet.sequenceNumber()).isEqualTo(27023);
            assertThat(Integer.toUnsignedLong(packet.timestamp())).isEqualTo(3653407706L);
            assertThat(packet.ssrc()).isEqualTo(476325762);
            assertThat(packet.extensionProfile()).isEqualTo(1);
            assertThat(packet.extensionDataLength()).isEqualTo(4);
            assertThat(packet.payloadOffset()).isEqualTo(20);
            assertThat(packet.payloadLength()).isEqualTo(5);
            extensions.wrap(packet);
            assertThat(extensions.next()).isFalse();
            assertThat(extensions.dropReason()).isNull();
        } finally {
            buf.release();
        }
    }

    @Test
    void pionRejectionsAgree() {
        ByteBuf missing = hex("9060698f" + "d9c293da" + "1c642782");
        ByteBuf tooLong = hex("9060698f" + "d9c293da" + "1c642782" + "99999999");
        try {
            assertThat(packet.wrap(missing)).isFalse();
            assertThat(packet.dropReason()).isEqualTo(RtpDropReason.TRUNCATED);
            assertThat(packet.wrap(tooLong)).isFalse();
            assertThat(packet.dropReason()).isEqualTo(RtpDropReason.BAD_EXTENSION);
        } finally {
            missing.release();
            tooLong.release();
        }
    }
}
