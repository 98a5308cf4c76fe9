package io.hivemind.relay.media.rtp;

import static io.hivemind.relay.media.rtp.RtpFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtpPacketTest {
    private final RtpPacket packet = new RtpPacket();

    @Test
    void readsEveryFieldOfAFullPacket() {
        ByteBuf buf = hex(RtpFixtures.FULL_PACKET);
        try {
            assertThat(packet.wrap(buf)).isTrue();
            assertThat(packet.dropReason()).isNull();
            assertThat(packet.version()).isEqualTo(2);
            assertThat(packet.hasPadding()).isTrue();
            assertThat(packet.paddingLength()).isEqualTo(3);
            assertThat(packet.hasExtension()).isTrue();
            assertThat(packet.csrcCount()).isEqualTo(2);
            assertThat(packet.csrc(0)).isEqualTo(1);
            assertThat(packet.csrc(1)).isEqualTo(2);
            assertThat(packet.marker()).isTrue();
            assertThat(packet.payloadType()).isEqualTo(96);
            assertThat(packet.sequenceNumber()).isEqualTo(65535);
            assertThat(packet.timestamp()).isEqualTo(65536);
            assertThat(packet.ssrc()).isEqualTo(0x11223344);
            assertThat(packet.extensionProfile()).isEqualTo(0xBEDE);
            assertThat(packet.extensionDataOffset()).isEqualTo(24);
            assertThat(packet.extensionDataLength()).isEqualTo(4);
            assertThat(packet.headerLength()).isEqualTo(28);
            assertThat(packet.payloadOffset()).isEqualTo(28);
            assertThat(packet.payloadLength()).isEqualTo(3);
            assertThat(ByteBufUtil.hexDump(buf, packet.payloadOffset(), packet.payloadLength())).isEqualTo("aabbcc");
            assertThat(buf.readerIndex()).isZero();
        } finally {
            buf.release();
        }
    }

    @Test
    void viewsASliceAtAnOffsetWithoutMovingIndexes() {
        ByteBuf buf = hex("ffff" + "80081000000000ff00000007" + "55");
        try {
            assertThat(packet.wrap(buf, 2, 13)).isTrue();
            assertThat(packet.payloadType()).isEqualTo(8);
            assertThat(packet.marker()).isFalse();
            assertThat(packet.sequenceNumber()).isEqualTo(0x1000);
            assertThat(packet.timestamp()).isEqualTo(255);
            assertThat(packet.ssrc()).isEqualTo(7);
            assertThat(packet.hasExtension()).isFalse();
            assertThat(packet.extensionProfile()).isEqualTo(-1);
            assertThat(packet.extensionDataLength()).isZero();
            assertThat(packet.payloadOffset()).isEqualTo(14);
            assertThat(packet.payloadLength()).isEqualTo(1);
            assertThat(buf.readerIndex()).isZero();
            assertThat(buf.writerIndex()).isEqualTo(15);
        } finally {
            buf.release();
        }
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("empty", "", RtpDropReason.TRUNCATED),
                arguments("eleven bytes", "806f12340000000000000001"
                        .substring(0, 22), RtpDropReason.TRUNCATED),
                arguments("version 1", "406f12340000000000000001", RtpDropReason.BAD_VERSION),
                arguments("version 0 (a STUN message)", "000100002112a442aabbccdd", RtpDropReason.BAD_VERSION),
                arguments("version 3", "c06f12340000000000000001", RtpDropReason.BAD_VERSION),
                arguments("CSRC count past the end", "816f12340000000000000001", RtpDropReason.TRUNCATED),
                arguments("X without extension header", "906f12340000000000000001", RtpDropReason.TRUNCATED),
                arguments("extension header cut", "906f12340000000000000001bede", RtpDropReason.TRUNCATED),
                arguments("extension length past the end", "906f12340000000000000001bede000110ff",
                        RtpDropReason.BAD_EXTENSION),
                arguments("P with nothing after the header", "a06f12340000000000000001", RtpDropReason.BAD_PADDING),
                arguments("padding count 0", "a06f12340000000000000001aa00", RtpDropReason.BAD_PADDING),
                arguments("padding count past the payload", "a06f12340000000000000001aa03",
                        RtpDropReason.BAD_PADDING),
                arguments("padding reaching into the extension", "b06f12340000000000000001bede000110ff000005",
                        RtpDropReason.BAD_PADDING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void dropsMalformedPackets(String name, String hex, RtpDropReason reason) {
        ByteBuf buf = hex(hex);
        try {
            assertThat(packet.wrap(buf)).isFalse();
            assertThat(packet.dropReason()).isEqualTo(reason);
        } finally {
            buf.release();
        }
    }

    static Stream<Arguments> edgeCases() {
        return Stream.of(
                arguments("bare fixed header", "806f12340000000000000001", 12, 0, 0),
                arguments("padding is the whole payload", "a06f123400000000000000010002", 12, 0, 2),
                arguments("padding count 1", "a06f12340000000000000001aa01", 12, 1, 1),
                arguments("empty extension block", "906f12340000000000000001bede0000", 16, 0, 0),
                arguments("fifteen CSRCs", "8f6f12340000000000000001" + "00000000".repeat(15), 72, 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edgeCases")
    void acceptsEdgeCases(String name, String hex, int headerLength, int payloadLength, int paddingLength) {
        ByteBuf buf = hex(hex);
        try {
            assertThat(packet.wrap(buf)).as("%s", packet.dropReason()).isTrue();
            assertThat(packet.headerLength()).isEqualTo(headerLength);
            assertThat(packet.payloadLength()).isEqualTo(payloadLength);
            assertThat(packet.paddingLength()).isEqualTo(paddingLength);
        } finally {
            buf.release();
        }
    }

    @Test
    void rewritesHeaderFieldsInPlaceLeavingTheRestAlone() {
        ByteBuf buf = hex(RtpFixtures.FULL_PACKET);
        try {
            assertThat(packet.wrap(buf)).isTrue();
            packet.setSsrc(0xCAFEBABE);
            packet.setSequenceNumber(0x10001);
            packet.setTimestamp(-1);
            packet.setPayloadType(111);
            packet.setMarker(false);

            assertThat(ByteBufUtil.hexDump(buf)).isEqualTo("b26f0001" + "ffffffff" + "cafebabe" + "00000001"
                    + "00000002" + "bede0001" + "107f0000" + "aabbcc" + "000003");
            packet.setMarker(true);
            packet.setPayloadType(0);
            assertThat((int) buf.getUnsignedByte(1)).isEqualTo(0x80);
        } finally {
            buf.release();
        }
    }

    @Test
    void refusesPayloadTypesBeyondSevenBits() {
        ByteBuf buf = hex("806f12340000000000000001");
        try {
            assertThat(packet.wrap(buf)).isTrue();
            assertThatThrownBy(() -> packet.setPayloadType(128)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> packet.setPayloadType(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> packet.csrc(0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(packet.payloadType()).isEqualTo(111);
        } finally {
            buf.release();
        }
    }

    static Stream<Arguments> demultiplexing() {
        return Stream.of(
                arguments("Opus PT 111", "806f", true),
                arguments("PT 111 with marker", "80ef", true),
                arguments("PT 0", "8000", true),
                arguments("PT 63, below the RTCP range", "803f", true),
                arguments("PT 96", "8060", true),
                arguments("RTCP SR 200", "80c8", false),
                arguments("RTCP RR 201 with a report count", "81c9", false),
                arguments("RTCP RTPFB 205", "81cd", false),
                arguments("RTCP PSFB 206", "81ce", false),
                arguments("lowest RTCP-range value 192 (PT 64)", "80c0", false),
                arguments("highest RTCP-range value 223 (PT 95)", "80df", false),
                arguments("PT 64 without marker also clashes", "8040", false),
                arguments("STUN binding request", "0001", false),
                arguments("DTLS handshake", "16fe", false),
                arguments("one byte", "80", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demultiplexing")
    void tellsRtpFromRtcpPerRfc5761(String name, String hex, boolean rtp) {
        ByteBuf buf = hex(hex);
        try {
            assertThat(RtpPacket.isRtp(buf, 0)).isEqualTo(rtp);
        } finally {
            buf.release();
        }
    }

    @Test
    void describesItselfWithoutThrowingWhenInvalid() {
        ByteBuf buf = Unpooled.buffer(4).writeInt(0);
        try {
            assertThat(new RtpPacket().toString()).contains("unwrapped");
            packet.wrap(buf);
            assertThat(packet.toString()).contains("TRUNCATED");
        } finally {
            buf.release();
        }
    }
}
