package io.hivemind.relay.media.srtp;

import static io.hivemind.relay.media.srtp.Rfc3711VectorsTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole-pipeline known answers (master key, RFC 3711 key derivation, protect) cross-checked with an independent
 * implementation: Cisco libSRTP's {@code test/srtp_driver.c}, functions {@code srtp_validate()} (default policy
 * AES_CM_128_HMAC_SHA1_80, master key E1F97A0D..., SSRC 0xcafebabe, SEQ 0x1234, sixteen 0xab payload bytes) and
 * {@code srtp_validate_gcm()} (AES-128-GCM with 16-byte tag, master key 00..0f, salt a0..ab). The SHA1_32 packet is
 * the same ciphertext with the 80-bit tag cut to its first 4 bytes, SRTCP keeping 80 bits (RFC 5764 §4.1.2). Bytes
 * retyped from the libSRTP source.
 */
class LibsrtpKnownAnswerTest {

    private static final SrtpMasterKey CM_KEY = new SrtpMasterKey(hex("e1f97a0d3e018be0d64fa32c06de4139"),
            hex("0ec675ad498afeebb6960b3aabe6"));
    private static final SrtpMasterKey GCM_KEY = new SrtpMasterKey(hex("000102030405060708090a0b0c0d0e0f"),
            hex("a0a1a2a3a4a5a6a7a8a9aaab"));

    private static final String RTP = "800f1234 decafbad cafebabe abababab abababab abababab abababab";
    private static final String RTCP = "81c8000b cafebabe abababab abababab abababab abababab";

    static Stream<Arguments> srtp() {
        return Stream.of(
                Arguments.of("AES_CM_128_HMAC_SHA1_80", SrtpProfile.AES_CM_128_HMAC_SHA1_80, CM_KEY,
                        "800f1234 decafbad cafebabe 4e55dc4c e79978d8 8ca4d215 949d2402 b78d6acc 99ea179b 8dbb"),
                Arguments.of("AES_CM_128_HMAC_SHA1_32", SrtpProfile.AES_CM_128_HMAC_SHA1_32, CM_KEY,
                        "800f1234 decafbad cafebabe 4e55dc4c e79978d8 8ca4d215 949d2402 b78d6acc"),
                Arguments.of("AEAD_AES_128_GCM", SrtpProfile.AEAD_AES_128_GCM, GCM_KEY,
                        "800f1234 decafbad cafebabe c5002ede 04cfdd2e b91159e0 880aa06e d2976826 f796b201"
                                + "df3131a1 27e8a392"));
    }

    static Stream<Arguments> srtcp() {
        return Stream.of(
                Arguments.of("AES_CM_128_HMAC_SHA1_80", SrtpProfile.AES_CM_128_HMAC_SHA1_80, CM_KEY,
                        "81c8000b cafebabe 7128035b e487b9bd bef89041 f977a5a8 80000001 993e08cd 54d6c123 0798"),
                Arguments.of("AES_CM_128_HMAC_SHA1_32", SrtpProfile.AES_CM_128_HMAC_SHA1_32, CM_KEY,
                        "81c8000b cafebabe 7128035b e487b9bd bef89041 f977a5a8 80000001 993e08cd 54d6c123 0798"),
                Arguments.of("AEAD_AES_128_GCM", SrtpProfile.AEAD_AES_128_GCM, GCM_KEY,
                        "81c8000b cafebabe c98b8b5d f0392a55 852b6c21 ac8e7025 c52c6fbe a2b3b446 ea31123b"
                                + "a88ce61e 80000001"));
    }

    @ParameterizedTest(name = "{0} SRTP protect")
    @MethodSource("srtp")
    void protectRtp(String name, SrtpProfile profile, SrtpMasterKey key, String expected) {
        ByteBuf packet = buffer(RTP);
        try {
            assertThat(new SrtpContext(profile, key).protectRtp(packet)).isEqualTo(SrtpStatus.OK);
            assertThat(bytes(packet)).isEqualTo(hex(expected));
        } finally {
            packet.release();
        }
    }

    @ParameterizedTest(name = "{0} SRTP unprotect")
    @MethodSource("srtp")
    void unprotectRtp(String name, SrtpProfile profile, SrtpMasterKey key, String protectedPacket) {
        ByteBuf packet = buffer(protectedPacket);
        try {
            assertThat(new SrtpContext(profile, key).unprotectRtp(packet)).isEqualTo(SrtpStatus.OK);
            assertThat(bytes(packet)).isEqualTo(hex(RTP));
        } finally {
            packet.release();
        }
    }

    @ParameterizedTest(name = "{0} SRTCP protect")
    @MethodSource("srtcp")
    void protectRtcp(String name, SrtpProfile profile, SrtpMasterKey key, String expected) {
        ByteBuf packet = buffer(RTCP);
        SrtpContext context = new SrtpContext(profile, key);
        // libSRTP's first SRTCP packet carries index 1: it increments before protecting.
        context.seedStream(0xcafebabe, 0, 1);
        try {
            assertThat(context.protectRtcp(packet)).isEqualTo(SrtpStatus.OK);
            assertThat(bytes(packet)).isEqualTo(hex(expected));
        } finally {
            packet.release();
        }
    }

    @ParameterizedTest(name = "{0} SRTCP unprotect")
    @MethodSource("srtcp")
    void unprotectRtcp(String name, SrtpProfile profile, SrtpMasterKey key, String protectedPacket) {
        ByteBuf packet = buffer(protectedPacket);
        try {
            assertThat(new SrtpContext(profile, key).unprotectRtcp(packet)).isEqualTo(SrtpStatus.OK);
            assertThat(bytes(packet)).isEqualTo(hex(RTCP));
        } finally {
            packet.release();
        }
    }

    private static ByteBuf buffer(String hexPacket) {
        byte[] bytes = hex(hexPacket);
        ByteBuf packet = Unpooled.buffer(bytes.length + 64);
        packet.writeBytes(bytes);
        return packet;
    }

    private static byte[] bytes(ByteBuf packet) {
        byte[] out = new byte[packet.readableBytes()];
        packet.getBytes(packet.readerIndex(), out);
        return out;
    }
}
