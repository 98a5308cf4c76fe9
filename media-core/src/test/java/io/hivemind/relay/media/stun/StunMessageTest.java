package io.hivemind.relay.media.stun;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StunMessageTest {

    private static final String HEADER_TAIL = "2112a442 000102030405060708090a0b";

    private final StunMessage message = new StunMessage();

    /** A Binding request whose length field is computed from {@code attributes} (hex words). */
    static byte[] request(String attributes) {
        byte[] body = StunVectors.hex(attributes);
        return StunVectors.hex(String.format("0001%04x ", body.length) + HEADER_TAIL + " " + attributes);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(Named.of("empty", new byte[0]), StunDropReason.TRUNCATED),
                Arguments.of(Named.of("19 bytes", StunVectors.hex("00010000 2112a442 0001020304050607080910")),
                        StunDropReason.TRUNCATED),
                Arguments.of(Named.of("RTP first byte", StunVectors.hex("80010000 " + HEADER_TAIL)),
                        StunDropReason.NOT_STUN),
                Arguments.of(Named.of("RFC 3489 without cookie",
                        StunVectors.hex("00010000 01020304 000102030405060708090a0b")), StunDropReason.BAD_MAGIC),
                Arguments.of(Named.of("length not multiple of 4",
                        StunVectors.hex("00010003 " + HEADER_TAIL + " 000000")),
                        StunDropReason.BAD_LENGTH),
                Arguments.of(Named.of("length past datagram", StunVectors.hex("00010008 " + HEADER_TAIL)),
                        StunDropReason.TRUNCATED),
                Arguments.of(Named.of("bytes past message", StunVectors.hex("00010000 " + HEADER_TAIL + " 00000000")),
                        StunDropReason.BAD_LENGTH),
                Arguments.of(Named.of("attribute overruns", request("00240008 00000001")),
                        StunDropReason.BAD_ATTRIBUTE),
                Arguments.of(Named.of("padding overruns", request("00060005 61626364")), StunDropReason.BAD_ATTRIBUTE),
                Arguments.of(Named.of("short PRIORITY", request("00240002 00010000")), StunDropReason.BAD_ATTRIBUTE),
                Arguments.of(Named.of("USE-CANDIDATE with value", request("00250004 00000000")),
                        StunDropReason.BAD_ATTRIBUTE),
                Arguments.of(Named.of("ICE-CONTROLLING of 4", request("802a0004 00000000")),
                        StunDropReason.BAD_ATTRIBUTE),
                Arguments.of(Named.of("MESSAGE-INTEGRITY of 16", request("00080010" + " 00000000".repeat(4))),
                        StunDropReason.BAD_ATTRIBUTE),
                Arguments.of(Named.of("MESSAGE-INTEGRITY-SHA256 of 12", request("001c000c" + " 00000000".repeat(3))),
                        StunDropReason.BAD_ATTRIBUTE),
                Arguments.of(Named.of("MESSAGE-INTEGRITY-SHA256 of 36", request("001c0024" + " 00000000".repeat(9))),
                        StunDropReason.BAD_ATTRIBUTE),
                Arguments.of(Named.of("MESSAGE-INTEGRITY-SHA256 of 18", request("001c0012" + " 00000000".repeat(5))),
                        StunDropReason.BAD_ATTRIBUTE),
                Arguments.of(Named.of("XOR-MAPPED-ADDRESS family 3", request("00200008 00030000 00000000")),
                        StunDropReason.BAD_ATTRIBUTE),
                Arguments.of(Named.of("XOR-MAPPED-ADDRESS IPv6 of 8", request("00200008 00020000 00000000")),
                        StunDropReason.BAD_ATTRIBUTE),
                Arguments.of(Named.of("ERROR-CODE class 2", request("00090004 00000200")),
                        StunDropReason.BAD_ATTRIBUTE),
                Arguments.of(Named.of("ERROR-CODE number 100", request("00090004 00000464")),
                        StunDropReason.BAD_ATTRIBUTE),
                Arguments.of(Named.of("UNKNOWN-ATTRIBUTES odd", request("000a0003 00010200")),
                        StunDropReason.BAD_ATTRIBUTE),
                Arguments.of(Named.of("USERNAME of 514", request("00060202" + " 61616161".repeat(129))),
                        StunDropReason.BAD_ATTRIBUTE),
                Arguments.of(Named.of("attribute after FINGERPRINT", request("80280004 00000000 00240004 00000001")),
                        StunDropReason.MISPLACED_FINGERPRINT));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void dropsMalformed(byte[] datagram, StunDropReason reason) {
        ByteBuf buf = Unpooled.copiedBuffer(datagram);
        try {
            assertThat(message.wrap(buf)).isEqualTo(reason);
            assertThat(message.firstAttribute()).isEqualTo(-1);
            assertThat(message.has(StunAttributeType.PRIORITY)).isFalse();
            assertThat(buf.readerIndex()).isZero();
        } finally {
            buf.release();
        }
    }

    static Stream<Arguments> messageTypes() {
        return Stream.of(
                Arguments.of(Named.of("Binding request", 0x0001), StunClass.REQUEST),
                Arguments.of(Named.of("Binding indication", 0x0011), StunClass.INDICATION),
                Arguments.of(Named.of("Binding success response", 0x0101), StunClass.SUCCESS_RESPONSE),
                Arguments.of(Named.of("Binding error response", 0x0111), StunClass.ERROR_RESPONSE));
    }

    @ParameterizedTest
    @MethodSource("messageTypes")
    void decodesClassAndMethod(int type, StunClass messageClass) {
        assertThat(StunMessageType.messageClass(type)).isEqualTo(messageClass);
        assertThat(StunMessageType.method(type)).isEqualTo(StunMessageType.BINDING);
        assertThat(StunMessageType.of(StunMessageType.BINDING, messageClass)).isEqualTo(type);
    }

    @Test
    void everyMethodAndClassRoundTrips() {
        for (int method = 0; method <= 0xFFF; method++) {
            for (StunClass messageClass : StunClass.values()) {
                int type = StunMessageType.of(method, messageClass);
                assertThat(type & 0xC000).isZero();
                assertThat(StunMessageType.method(type)).isEqualTo(method);
                assertThat(StunMessageType.messageClass(type)).isEqualTo(messageClass);
            }
        }
    }

    static Stream<Arguments> demux() {
        return Stream.of(
                Arguments.of(Named.of("RFC 5769 request", StunVectors.REQUEST), true),
                Arguments.of(Named.of("RTP", StunVectors.hex("80e01234 00000001 deadbeef 00000000 00000000")), false),
                Arguments.of(Named.of("DTLS handshake",
                        StunVectors.hex("16fefd00 2112a442 00000000 00000000 00000000")),
                        false),
                Arguments.of(Named.of("short", StunVectors.hex("00010000 2112a442")), false),
                Arguments.of(Named.of("no cookie", StunVectors.hex("00010000 00000000 00000000 00000000 00000000")),
                        false));
    }

    @ParameterizedTest
    @MethodSource("demux")
    void demultiplexesLikeRfc7983(byte[] datagram, boolean stun) {
        ByteBuf buf = Unpooled.copiedBuffer(datagram);
        try {
            assertThat(StunMessage.isStun(buf)).isEqualTo(stun);
        } finally {
            buf.release();
        }
    }

    @Test
    void iteratesAttributesInWireOrder() {
        ByteBuf buf = Unpooled.copiedBuffer(StunVectors.REQUEST);
        try {
            assertThat(message.wrap(buf)).isEqualTo(StunDropReason.NONE);
            List<Integer> types = new ArrayList<>();
            List<Integer> lengths = new ArrayList<>();
            for (int at = message.firstAttribute(); at >= 0; at = message.nextAttribute(at)) {
                types.add(message.attributeType(at));
                lengths.add(message.attributeLength(at));
            }
            assertThat(types).containsExactly(StunAttributeType.SOFTWARE, StunAttributeType.PRIORITY,
                    StunAttributeType.ICE_CONTROLLED, StunAttributeType.USERNAME, StunAttributeType.MESSAGE_INTEGRITY,
                    StunAttributeType.FINGERPRINT);
            assertThat(lengths).containsExactly(16, 4, 8, 9, 20, 4);
        } finally {
            buf.release();
        }
    }

    @Test
    void viewsAMessageInsideALargerBufferWithoutMovingIndexes() {
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeZero(7).writeBytes(StunVectors.REQUEST).writeZero(5).readerIndex(3);
            assertThat(message.wrap(buf, 7, StunVectors.REQUEST.length)).isEqualTo(StunDropReason.NONE);
            assertThat(message.username()).isEqualTo("evtj:h6vY");
            assertThat(StunIntegrity.shortTerm(StunVectors.SHORT_TERM_PASSWORD).verify(message)).isTrue();
            assertThat(message.verifyFingerprint()).isTrue();
            assertThat(buf.readerIndex()).isEqualTo(3);
        } finally {
            buf.release();
        }
    }

    @Test
    void reportsUnknownComprehensionRequiredOnly() {
        ByteBuf buf = Unpooled.copiedBuffer(request("00030004 00000000 7fff0000 80010000 00240004 00000007"));
        try {
            assertThat(message.wrap(buf)).isEqualTo(StunDropReason.NONE);
            assertThat(message.unknownComprehensionRequiredCount()).isEqualTo(2);
            assertThat(message.reportedUnknown(0)).isEqualTo(0x0003);
            assertThat(message.reportedUnknown(1)).isEqualTo(0x7fff);
            assertThat(message.priority()).isEqualTo(7);
            assertThat(message.attribute(0x8001)).isPositive();
            assertThat(StunAttributeType.isKnown(0x0003)).isFalse();
            assertThat(StunAttributeType.isKnown(StunAttributeType.PRIORITY)).isTrue();
        } finally {
            buf.release();
        }
    }

    @Test
    void keepsTheFirstSixteenUnknownsAndCountsTheRest() {
        StringBuilder attributes = new StringBuilder();
        for (int type = 0x7000; type < 0x7014; type++) {
            attributes.append(String.format("%04x0000 ", type));
        }
        ByteBuf buf = Unpooled.copiedBuffer(request(attributes.toString().trim()));
        try {
            assertThat(message.wrap(buf)).isEqualTo(StunDropReason.NONE);
            assertThat(message.unknownComprehensionRequiredCount()).isEqualTo(20);
            assertThat(message.reportedUnknownCount()).isEqualTo(StunMessage.MAX_REPORTED_UNKNOWN);
            assertThat(message.reportedUnknown(15)).isEqualTo(0x700f);
        } finally {
            buf.release();
        }
    }

    @Test
    void processesOnlyTheFirstOccurrence() {
        ByteBuf buf = Unpooled.copiedBuffer(request("00240004 00000001 00240004 00000002"));
        try {
            assertThat(message.wrap(buf)).isEqualTo(StunDropReason.NONE);
            assertThat(message.priority()).isEqualTo(1);
        } finally {
            buf.release();
        }
    }

    @Test
    void ignoresAttributesAfterMessageIntegrityExceptSha256AndFingerprint() {
        ByteBuf buf = Unpooled.copiedBuffer(request("00080014" + " 00000000".repeat(5)
                + " 00240004 00000001 00030000 001c0020" + " 00000000".repeat(8)
                + " 00250000 00080014" + " 00000000".repeat(5) + " 80280004 00000000"));
        try {
            assertThat(message.wrap(buf)).isEqualTo(StunDropReason.NONE);
            assertThat(message.has(StunAttributeType.MESSAGE_INTEGRITY)).isTrue();
            assertThat(message.has(StunAttributeType.PRIORITY)).isFalse();
            assertThat(message.unknownComprehensionRequiredCount()).isZero();
            assertThat(message.has(StunAttributeType.MESSAGE_INTEGRITY_SHA256)).isTrue();
            assertThat(message.useCandidate()).isFalse();
            assertThat(message.attribute(StunAttributeType.MESSAGE_INTEGRITY)).isEqualTo(20);
            assertThat(message.has(StunAttributeType.FINGERPRINT)).isTrue();
        } finally {
            buf.release();
        }
    }

    @Test
    void absentAttributesReadAsAbsent() {
        ByteBuf buf = Unpooled.copiedBuffer(request(""));
        try {
            assertThat(message.wrap(buf)).isEqualTo(StunDropReason.NONE);
            assertThat(message.firstAttribute()).isEqualTo(-1);
            assertThat(message.priority()).isEqualTo(-1);
            assertThat(message.errorCode()).isEqualTo(-1);
            assertThat(message.username()).isNull();
            assertThat(message.errorReason()).isNull();
            assertThat(message.xorMappedAddressFamily()).isZero();
            assertThat(message.xorMappedAddressPort()).isEqualTo(-1);
            assertThat(message.xorMappedSocketAddress()).isNull();
            assertThat(message.listedUnknownAttributeCount()).isZero();
            assertThat(message.usernameEquals(new byte[0])).isFalse();
            assertThat(message.verifyFingerprint()).isFalse();
            assertThat(StunIntegrity.shortTerm("x").verify(message)).isFalse();
        } finally {
            buf.release();
        }
    }
}
