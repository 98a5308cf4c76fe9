package io.hivemind.relay.media.rtp;

import static io.hivemind.relay.media.rtp.RtpFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HeaderExtensionsTest {
    private static final String HEADER = "906f12340000000000000001";

    private final RtpPacket packet = new RtpPacket();
    private final HeaderExtensions extensions = new HeaderExtensions();

    static Stream<Arguments> blocks() {
        return Stream.of(
                arguments("Chromium one-byte block", "bede0002" + "10a83101" + "02000000",
                        List.of("1:a8", "3:0102"), null),
                arguments("one-byte, padding between elements", "bede0002" + "0010a800" + "00310102",
                        List.of("1:a8", "3:0102"), null),
                arguments("one-byte, sixteen-byte value", "bede0005" + "4f" + "00112233445566778899aabbccddeeff"
                        + "000000", List.of("4:00112233445566778899aabbccddeeff"), null),
                arguments("one-byte, ID 15 stops the walk", "bede0002" + "10a8f031" + "01020000",
                        List.of("1:a8"), null),
                arguments("one-byte, ID 15 length ignored even if past the end", "bede0001" + "10a8ff00",
                        List.of("1:a8"), null),
                arguments("one-byte, element past the block", "bede0001" + "10a83f00",
                        List.of("1:a8"), RtpDropReason.BAD_EXTENSION_ELEMENT),
                arguments("one-byte, ID 0 with a length stops the walk (§4.1.2)", "bede0002" + "10a80531" + "01020000",
                        List.of("1:a8"), null),
                arguments("RFC 8285 §4.2 figure layout", "bede0003" + "10aa21bb" + "cc000033" + "11223344",
                        List.of("1:aa", "2:bbcc", "3:11223344"), null),
                arguments("RFC 8285 §4.3 figure layout", "10000003" + "01000201" + "dd000304" + "11223344",
                        List.of("1:", "2:dd", "3:11223344"), null),
                arguments("one-byte, only padding", "bede0001" + "00000000", List.of(), null),
                arguments("two-byte block", "10000002" + "0101a803" + "02010200",
                        List.of("1:a8", "3:0102"), null),
                arguments("two-byte, appbits and an empty value", "100f0002" + "05000f01" + "77ff0000",
                        List.of("5:", "15:77", "255:"), null),
                arguments("two-byte, padding between elements", "10000002" + "00000101" + "a8000000",
                        List.of("1:a8"), null),
                arguments("two-byte, header cut by the block end", "10000001" + "000000" + "07",
                        List.of(), RtpDropReason.BAD_EXTENSION_ELEMENT),
                arguments("two-byte, value past the block", "10000001" + "07050000",
                        List.of(), RtpDropReason.BAD_EXTENSION_ELEMENT),
                arguments("foreign profile has no elements", "abac0001" + "10a80000", List.of(), null),
                arguments("empty block", "bede0000", List.of(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void walksElements(String name, String block, List<String> elements, RtpDropReason reason) {
        ByteBuf buf = hex(HEADER + block + "aa");
        try {
            assertThat(packet.wrap(buf)).isTrue();
            extensions.wrap(packet);
            List<String> seen = new ArrayList<>();
            while (extensions.next()) {
                seen.add(extensions.id() + ":" + ByteBufUtil.hexDump(buf, extensions.valueOffset(),
                        extensions.valueLength()));
            }
            assertThat(seen).containsExactlyElementsOf(elements);
            assertThat(extensions.dropReason()).isEqualTo(reason);
            assertThat(extensions.next()).as("stays at the end").isFalse();
        } finally {
            buf.release();
        }
    }

    @Test
    void packetWithoutExtensionHasNoElements() {
        ByteBuf buf = hex("806f12340000000000000001" + "aa");
        try {
            assertThat(packet.wrap(buf)).isTrue();
            extensions.wrap(packet);
            assertThat(extensions.form()).isNull();
            assertThat(extensions.next()).isFalse();
            assertThat(extensions.dropReason()).isNull();
        } finally {
            buf.release();
        }
    }

    @Test
    void findsAndRewritesAValueInPlace() {
        ByteBuf buf = hex(RtpFixtures.CHROMIUM_OPUS);
        ByteBuf value = hex("beef");
        try {
            assertThat(packet.wrap(buf)).isTrue();
            extensions.wrap(packet);
            assertThat(extensions.form()).isEqualTo(HeaderExtensionForm.ONE_BYTE);
            assertThat(extensions.find(3)).isTrue();
            assertThat(extensions.valueLength()).isEqualTo(2);
            assertThat(extensions.find(2)).isFalse();

            assertThat(extensions.rewrite(3, value, 0, 2)).isTrue();
            assertThat(extensions.rewrite(1, value, 0, 2)).as("length differs").isFalse();
            assertThat(extensions.rewrite(7, value, 0, 2)).as("absent").isFalse();
            assertThat(ByteBufUtil.hexDump(buf)).isEqualTo(RtpFixtures.CHROMIUM_OPUS.replace("3101" + "02", "31be"
                    + "ef"));
            assertThat(extensions.find(1)).as("after a rewrite the walk starts over").isTrue();
        } finally {
            buf.release();
            value.release();
        }
    }

    static Stream<Arguments> profiles() {
        return Stream.of(
                arguments("one-byte", 0xBEDE, HeaderExtensionForm.ONE_BYTE),
                arguments("two-byte", 0x1000, HeaderExtensionForm.TWO_BYTE),
                arguments("two-byte with appbits 0xF", 0x100F, HeaderExtensionForm.TWO_BYTE),
                arguments("0x1010 is not two-byte", 0x1010, null),
                arguments("0xBEDF", 0xBEDF, null),
                arguments("zero", 0, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void recognisesRfc8285Profiles(String name, int profile, HeaderExtensionForm form) {
        assertThat(HeaderExtensionForm.of(profile)).isEqualTo(form);
    }
}
