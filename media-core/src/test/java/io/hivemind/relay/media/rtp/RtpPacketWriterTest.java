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

class RtpPacketWriterTest {
    private final RtpPacketWriter writer = new RtpPacketWriter();
    private final RtpPacket packet = new RtpPacket();

    @Test
    void writesTheChromiumOpusPacket() {
        ByteBuf dst = Unpooled.buffer();
        ByteBuf level = hex("a8");
        ByteBuf twcc = hex("0102");
        ByteBuf opus = hex("f8fffe00112233445566");
        try {
            int length = writer.start(dst, 111, false, 0x1234, 123456, 0xCAFEBABE)
                    .beginExtensions(HeaderExtensionForm.ONE_BYTE.profile())
                    .extension(1, level, 0, 1)
                    .extension(3, twcc, 0, 2)
                    .payload(opus, 0, 10)
                    .finish(0);
            assertThat(length).isEqualTo(34);
            assertThat(ByteBufUtil.hexDump(dst)).isEqualTo(RtpFixtures.CHROMIUM_OPUS);
        } finally {
            dst.release();
            level.release();
            twcc.release();
            opus.release();
        }
    }

    @Test
    void writesCsrcsAndPadding() {
        ByteBuf dst = Unpooled.buffer();
        ByteBuf bytes = hex("7faabbcc");
        try {
            writer.start(dst, 96, true, 65535, 65536, 0x11223344)
                    .csrc(1)
                    .csrc(2)
                    .beginExtensions(0xBEDE)
                    .extension(1, bytes, 0, 1)
                    .payload(bytes, 1, 3)
                    .finish(3);
            assertThat(ByteBufUtil.hexDump(dst)).isEqualTo(RtpFixtures.FULL_PACKET);
        } finally {
            dst.release();
            bytes.release();
        }
    }

    static Stream<Arguments> additions() {
        return Stream.of(
                arguments("to a packet without a block: new one-byte block", "806f12340000000000000001" + "aa", 1,
                        "7f", "906f12340000000000000001" + "bede0001" + "107f0000" + "aa"),
                arguments("abs-send-time after Chromium's elements", RtpFixtures.CHROMIUM_OPUS, 2, "123456",
                        "906f1234" + "0001e240" + "cafebabe" + "bede0003" + "10a83101" + "02221234" + "56000000"
                                + "f8fffe00112233445566"),
                arguments("ID 20 turns the block two-byte", RtpFixtures.CHROMIUM_OPUS, 20, "abcd",
                        "906f1234" + "0001e240" + "cafebabe" + "10000003" + "0101a803" + "02010214" + "02abcd00"
                                + "f8fffe00112233445566"),
                arguments("empty value turns the block two-byte", RtpFixtures.CHROMIUM_OPUS, 9, "",
                        "906f1234" + "0001e240" + "cafebabe" + "10000003" + "0101a803" + "02010209" + "00000000"
                                + "f8fffe00112233445566"),
                arguments("CSRCs, trailing block padding and RTP padding kept", RtpFixtures.FULL_PACKET, 2, "00",
                        "b2e0ffff" + "00010000" + "11223344" + "00000001" + "00000002" + "bede0001" + "107f2000"
                                + "aabbcc" + "000003"),
                arguments("into a two-byte block", "906f12340000000000000001" + "100f0001" + "05000000", 6, "01",
                        "906f12340000000000000001" + "100f0002" + "05000601" + "01000000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("additions")
    void addsAnElementIntoADestinationBuffer(String name, String source, int id, String value, String expected) {
        ByteBuf src = hex(source);
        ByteBuf val = hex(value);
        ByteBuf dst = Unpooled.buffer(8);
        try {
            assertThat(packet.wrap(src)).isTrue();
            assertThat(writer.writeWithExtension(packet, dst, id, val, 0, val.readableBytes()))
                    .isEqualTo(AddExtensionResult.ADDED);
            assertThat(ByteBufUtil.hexDump(dst)).isEqualTo(expected);
            assertThat(ByteBufUtil.hexDump(src)).as("source untouched").isEqualTo(source);
            assertThat(packet.wrap(dst)).isTrue();
        } finally {
            src.release();
            val.release();
            dst.release();
        }
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                arguments("duplicate ID", RtpFixtures.CHROMIUM_OPUS, 3, 64, AddExtensionResult.DUPLICATE_ID),
                arguments("foreign profile", "906f12340000000000000001" + "abac0001" + "10a80000", 2, 64,
                        AddExtensionResult.FOREIGN_PROFILE),
                arguments("malformed block", "906f12340000000000000001" + "bede0001" + "10a83f00", 2, 64,
                        AddExtensionResult.MALFORMED_BLOCK),
                arguments("destination too small", RtpFixtures.CHROMIUM_OPUS, 2, 36, AddExtensionResult.NO_ROOM));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithoutWriting(String name, String source, int id, int dstCapacity, AddExtensionResult result) {
        ByteBuf src = hex(source);
        ByteBuf val = hex("01");
        ByteBuf dst = Unpooled.buffer(dstCapacity, dstCapacity);
        try {
            assertThat(packet.wrap(src)).isTrue();
            assertThat(writer.writeWithExtension(packet, dst, id, val, 0, 1)).isEqualTo(result);
            assertThat(dst.writerIndex()).isZero();
        } finally {
            src.release();
            val.release();
            dst.release();
        }
    }

    @Test
    void refusesWhatTheWireCannotCarry() {
        ByteBuf dst = Unpooled.buffer();
        ByteBuf value = Unpooled.buffer(300).writeZero(300);
        try {
            assertThatThrownBy(() -> writer.start(dst, 128, false, 0, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.csrc(1)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> writer.finish(0)).isInstanceOf(IllegalStateException.class);
            writer.start(dst, 0, false, 0, 0, 0);
            assertThatThrownBy(() -> writer.beginExtensions(0xABAC)).isInstanceOf(IllegalArgumentException.class);
            writer.beginExtensions(0xBEDE);
            assertThatThrownBy(() -> writer.extension(15, value, 0, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.extension(1, value, 0, 17)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.csrc(1)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> writer.finish(256)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.writeWithExtension(packet, dst, 256, value, 0, 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.writeWithExtension(packet, dst, 1, value, 0, 256))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            dst.release();
            value.release();
        }
    }

    @Test
    void refusesASixteenthCsrc() {
        ByteBuf dst = Unpooled.buffer();
        try {
            writer.start(dst, 0, false, 0, 0, 0);
            for (int i = 0; i < 15; i++) {
                writer.csrc(i);
            }
            assertThatThrownBy(() -> writer.csrc(15)).isInstanceOf(IllegalStateException.class);
            writer.finish(0);
            assertThat(packet.wrap(dst)).isTrue();
            assertThat(packet.csrcCount()).isEqualTo(15);
            assertThat(packet.csrc(14)).isEqualTo(14);
        } finally {
            dst.release();
        }
    }
}
