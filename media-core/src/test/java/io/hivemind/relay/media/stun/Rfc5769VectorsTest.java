package io.hivemind.relay.media.stun;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 5769 test vectors: parsing, integrity, fingerprint, tamper detection, and byte-exact rewriting. */
class Rfc5769VectorsTest {

    private final StunMessage message = new StunMessage();

    /** Heap buffers take the array path of the digests, direct ones the scratch-copy path. */
    static Stream<Named<Function<byte[], ByteBuf>>> buffers() {
        return Stream.of(
                Named.of("heap", Unpooled::copiedBuffer),
                Named.of("direct", bytes -> Unpooled.directBuffer(bytes.length).writeBytes(bytes)));
    }

    static Stream<Arguments> vectors() {
        StunIntegrity shortTerm = StunIntegrity.shortTerm(StunVectors.SHORT_TERM_PASSWORD);
        StunIntegrity longTerm = StunIntegrity.longTerm(StunVectors.LONG_TERM_USERNAME, StunVectors.LONG_TERM_REALM,
                StunVectors.LONG_TERM_PASSWORD);
        return Stream.of(
                Arguments.of(Named.of("2.1 request", StunVectors.REQUEST), shortTerm, true),
                Arguments.of(Named.of("2.2 IPv4 response", StunVectors.IPV4_RESPONSE), shortTerm, true),
                Arguments.of(Named.of("2.3 IPv6 response", StunVectors.IPV6_RESPONSE), shortTerm, true),
                Arguments.of(Named.of("2.4 long-term request", StunVectors.LONG_TERM_REQUEST), longTerm, false));
    }

    @ParameterizedTest
    @MethodSource("buffers")
    void sampleRequest(Function<byte[], ByteBuf> buffers) {
        ByteBuf buf = buffers.apply(StunVectors.REQUEST);
        try {
            assertThat(message.wrap(buf)).isEqualTo(StunDropReason.NONE);
            assertThat(message.isBindingRequest()).isTrue();
            assertThat(message.messageClass()).isEqualTo(StunClass.REQUEST);
            assertThat(message.length()).isEqualTo(108);
            assertThat(message.transactionIdHigh()).isEqualTo(0xb7e7a701);
            assertThat(message.transactionIdLow()).isEqualTo(0xbc34d686_fa87dfaeL);
            assertThat(message.software()).isEqualTo("STUN test client");
            assertThat(message.priority()).isEqualTo(0x6e0001ffL);
            assertThat(message.has(StunAttributeType.ICE_CONTROLLED)).isTrue();
            assertThat(message.iceControlled()).isEqualTo(0x932ff9b1_51263b36L);
            assertThat(message.has(StunAttributeType.ICE_CONTROLLING)).isFalse();
            assertThat(message.useCandidate()).isFalse();
            assertThat(message.username()).isEqualTo("evtj:h6vY");
            assertThat(message.usernameEquals("evtj:h6vY".getBytes(StandardCharsets.UTF_8))).isTrue();
            assertThat(message.usernameStartsWith("evtj:".getBytes(StandardCharsets.UTF_8))).isTrue();
            assertThat(message.usernameEquals("evtj:h6v".getBytes(StandardCharsets.UTF_8))).isFalse();
            assertThat(message.unknownComprehensionRequiredCount()).isZero();
            assertThat(message.buffer().getInt(message.attribute(StunAttributeType.FINGERPRINT) + 4))
                    .isEqualTo(0xe57a3bcf);
            assertIntact(StunIntegrity.shortTerm(StunVectors.SHORT_TERM_PASSWORD), true);
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest
    @MethodSource("buffers")
    void sampleIpv4Response(Function<byte[], ByteBuf> buffers) throws Exception {
        ByteBuf buf = buffers.apply(StunVectors.IPV4_RESPONSE);
        try {
            assertThat(message.wrap(buf)).isEqualTo(StunDropReason.NONE);
            assertThat(message.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
            assertThat(message.method()).isEqualTo(StunMessageType.BINDING);
            assertThat(message.software()).isEqualTo("test vector");
            assertThat(message.xorMappedAddressFamily()).isEqualTo(1);
            assertThat(message.xorMappedSocketAddress())
                    .isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));
            assertIntact(StunIntegrity.shortTerm(StunVectors.SHORT_TERM_PASSWORD), true);
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest
    @MethodSource("buffers")
    void sampleIpv6Response(Function<byte[], ByteBuf> buffers) throws Exception {
        ByteBuf buf = buffers.apply(StunVectors.IPV6_RESPONSE);
        try {
            assertThat(message.wrap(buf)).isEqualTo(StunDropReason.NONE);
            assertThat(message.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
            assertThat(message.software()).isEqualTo("test vector");
            assertThat(message.xorMappedAddressFamily()).isEqualTo(2);
            assertThat(message.xorMappedSocketAddress()).isEqualTo(new InetSocketAddress(
                    InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853));
            assertIntact(StunIntegrity.shortTerm(StunVectors.SHORT_TERM_PASSWORD), true);
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest
    @MethodSource("buffers")
    void sampleLongTermRequest(Function<byte[], ByteBuf> buffers) {
        ByteBuf buf = buffers.apply(StunVectors.LONG_TERM_REQUEST);
        try {
            assertThat(message.wrap(buf)).isEqualTo(StunDropReason.NONE);
            assertThat(message.isBindingRequest()).isTrue();
            assertThat(message.transactionIdHigh()).isEqualTo(0x78ad3433);
            assertThat(message.username()).isEqualTo(StunVectors.LONG_TERM_USERNAME);
            assertThat(message.nonce()).isEqualTo(StunVectors.LONG_TERM_NONCE);
            assertThat(message.realm()).isEqualTo(StunVectors.LONG_TERM_REALM);
            assertThat(message.has(StunAttributeType.FINGERPRINT)).isFalse();
            assertIntact(StunIntegrity.longTerm(StunVectors.LONG_TERM_USERNAME, StunVectors.LONG_TERM_REALM,
                    StunVectors.LONG_TERM_PASSWORD), false);
            assertThat(StunIntegrity.shortTerm(StunVectors.LONG_TERM_PASSWORD).verify(message)).isFalse();
        } finally {
            buf.release();
        }
    }

    private void assertIntact(StunIntegrity integrity, boolean hasFingerprint) {
        assertThat(integrity.verify(message)).isTrue();
        assertThat(integrity.verifySha1(message)).isTrue();
        assertThat(integrity.verifySha256(message)).isFalse();
        assertThat(message.verifyFingerprint()).isEqualTo(hasFingerprint);
        assertThat(StunIntegrity.shortTerm("wrong password").verify(message)).isFalse();
    }

    /**
     * Every single-bit flip is dropped or caught: by FINGERPRINT anywhere when there is one, by MESSAGE-INTEGRITY
     * anywhere up to its end (it does not cover the FINGERPRINT after it, RFC 8489 §14.5).
     */
    @ParameterizedTest
    @MethodSource("vectors")
    void everyFlippedBitFails(byte[] vector, StunIntegrity integrity, boolean hasFingerprint) {
        int integrityEnd = vector.length - (hasFingerprint ? StunFingerprint.ATTRIBUTE_LENGTH : 0);
        for (int index = 0; index < vector.length; index++) {
            for (int bit = 0; bit < 8; bit++) {
                ByteBuf buf = Unpooled.copiedBuffer(vector);
                try {
                    buf.setByte(index, buf.getByte(index) ^ 1 << bit);
                    if (message.wrap(buf) != StunDropReason.NONE) {
                        continue;
                    }
                    if (index < integrityEnd) {
                        assertThat(integrity.verify(message)).as("byte %d bit %d", index, bit).isFalse();
                    }
                    if (hasFingerprint) {
                        assertThat(message.verifyFingerprint()).as("byte %d bit %d", index, bit).isFalse();
                    }
                } finally {
                    buf.release();
                }
            }
        }
    }

    /** RFC 5769 §2.1: all attributes are deterministic, so with 0x20 padding the writer reproduces the vector. */
    @Test
    void writerReproducesSampleRequest() {
        ByteBuf out = Unpooled.buffer();
        try {
            new StunMessageWriter(0x20)
                    .begin(out, StunMessageType.BINDING, StunClass.REQUEST, StunVectors.TRANSACTION_ID)
                    .software("STUN test client")
                    .priority(0x6e0001ffL)
                    .iceControlled(0x932ff9b1_51263b36L)
                    .username("evtj:h6vY")
                    .messageIntegrity(StunIntegrity.shortTerm(StunVectors.SHORT_TERM_PASSWORD))
                    .fingerprint()
                    .finish();
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(StunVectors.REQUEST);
        } finally {
            out.release();
        }
    }

    static Stream<Arguments> responses() throws Exception {
        return Stream.of(
                Arguments.of(Named.of("2.2 IPv4", StunVectors.IPV4_RESPONSE), InetAddress.getByName("192.0.2.1")),
                Arguments.of(Named.of("2.3 IPv6", StunVectors.IPV6_RESPONSE),
                        InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677")));
    }

    /**
     * RFC 5769 §2.2 and §2.3 pad SOFTWARE "test vector" (11 bytes) with one 0x20; padded so, our response is the
     * vector byte for byte, MESSAGE-INTEGRITY and FINGERPRINT included. With zero padding only those two differ.
     */
    @ParameterizedTest
    @MethodSource("responses")
    void writerReproducesResponse(byte[] vector, InetAddress mapped) {
        ByteBuf request = Unpooled.copiedBuffer(StunVectors.REQUEST);
        ByteBuf out = Unpooled.buffer();
        ByteBuf zeroPadded = Unpooled.buffer();
        try {
            assertThat(message.wrap(request)).isEqualTo(StunDropReason.NONE);
            StunIntegrity integrity = StunIntegrity.shortTerm(StunVectors.SHORT_TERM_PASSWORD);
            int length = new StunMessageWriter(0x20)
                    .beginResponse(out, message, StunClass.SUCCESS_RESPONSE)
                    .software("test vector")
                    .xorMappedAddress(new InetSocketAddress(mapped, 32853))
                    .messageIntegrity(integrity)
                    .fingerprint()
                    .finish();
            assertThat(length).isEqualTo(vector.length);
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(vector);

            new StunMessageWriter()
                    .beginResponse(zeroPadded, message, StunClass.SUCCESS_RESPONSE)
                    .software("test vector")
                    .xorMappedAddress(mapped.getAddress(), 32853)
                    .messageIntegrity(integrity)
                    .fingerprint()
                    .finish();
            byte[] bytes = ByteBufUtil.getBytes(zeroPadded);
            assertThat(bytes[35]).isZero();
            assertThat(message.wrap(zeroPadded)).isEqualTo(StunDropReason.NONE);
            assertThat(integrity.verify(message)).isTrue();
            assertThat(message.verifyFingerprint()).isTrue();
        } finally {
            request.release();
            out.release();
            zeroPadded.release();
        }
    }

    /** Cross-check against the JDK's own HMAC-SHA1, CRC-32 and MD5 rather than only our code paths. */
    @Test
    void independentJdkPrimitivesAgree() throws Exception {
        byte[] request = StunVectors.REQUEST;
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(StunVectors.SHORT_TERM_PASSWORD.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        byte[] covered = java.util.Arrays.copyOf(request, 76);
        covered[3] = (byte) (76 + 24 - 20);
        assertThat(mac.doFinal(covered)).isEqualTo(java.util.Arrays.copyOfRange(request, 80, 100));

        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(request, 0, 100);
        assertThat((int) crc.getValue() ^ 0x5354554E).isEqualTo(0xe57a3bcf);

        byte[] key = MessageDigest.getInstance("MD5").digest((StunVectors.LONG_TERM_USERNAME + ":"
                + StunVectors.LONG_TERM_REALM + ":" + StunVectors.LONG_TERM_PASSWORD).getBytes(StandardCharsets.UTF_8));
        ByteBuf buf = Unpooled.copiedBuffer(StunVectors.LONG_TERM_REQUEST);
        try {
            assertThat(message.wrap(buf)).isEqualTo(StunDropReason.NONE);
            assertThat(new StunIntegrity(key).verify(message)).isTrue();
        } finally {
            buf.release();
        }
    }
}
