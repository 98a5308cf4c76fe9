package io.hivemind.relay.media.srtp;

import static io.hivemind.relay.media.srtp.Rfc3711VectorsTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 7714 §16 (SRTP) and §17 (SRTCP) AEAD_AES_128_GCM and AEAD_AES_256_GCM examples. They start from the session key
 * and salt ("Quid pro quo"), so they drive {@link AesGcmTransform} directly: RTP packet SSRC 0x5501a0b2, ROC 0,
 * SEQ 0xf17b; RTCP sender report from SSRC "Mars" with SRTCP index 0x5d4. The E = 0 SRTCP examples (authenticated,
 * not encrypted) check the receive path for unencrypted SRTCP.
 */
class Rfc7714VectorsTest {

    private static final String KEY_128 = "000102030405060708090a0b0c0d0e0f";
    private static final String KEY_256 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final String SALT = "517569642070726f2071756f";

    private static final String RTP = "8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976"
            + "69736120 696e2070 61727465 73207472 6573";
    private static final int RTP_SSRC = 0x5501a0b2;
    private static final long RTP_INDEX = 0xf17b;

    private static final String RTCP = "81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61"
            + "deadbeef deadbeef deadbeef deadbeef deadbeef";
    private static final int RTCP_SSRC = 0x4d617273;
    private static final int SRTCP_INDEX = 0x5d4;

    static Stream<Arguments> srtpVectors() {
        return Stream.of(
                Arguments.of("§16 AEAD_AES_128_GCM", KEY_128, "8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c"
                        + "9d7e4bca be633bd5 0d294e6f 42a5f47a 51c7d19b 36de3adf 8833899d 7f27beb1 6a9152cf"
                        + "765ee439 0cce"),
                Arguments.of("§16 AEAD_AES_256_GCM", KEY_256, "8040f17b 8041f8d3 5501a0b2 32b1de78 a822fe12 ef9f78fa"
                        + "332e33aa b1801238 9a58e2f3 b50b2a02 76ffae0f 1ba63799 b87b7aa3 db36dfff d6b0f9bb"
                        + "7878d7a7 6c13"));
    }

    @ParameterizedTest(name = "{0} SRTP encrypt")
    @MethodSource("srtpVectors")
    void srtpEncryption(String name, String key, String expected) {
        byte[] plain = hex(RTP);
        byte[] packet = Arrays.copyOf(plain, plain.length + AesGcm.TAG_LENGTH);

        transform(key).protectRtp(packet, 0, 12, plain.length, RTP_SSRC, RTP_INDEX);

        assertThat(packet).isEqualTo(hex(expected));
    }

    @ParameterizedTest(name = "{0} SRTP decrypt")
    @MethodSource("srtpVectors")
    void srtpDecryption(String name, String key, String protectedPacket) {
        byte[] packet = hex(protectedPacket);
        int end = packet.length - AesGcm.TAG_LENGTH;

        assertThat(transform(key).unprotectRtp(packet, 0, 12, end, RTP_SSRC, RTP_INDEX)).isTrue();

        assertThat(Arrays.copyOf(packet, end)).isEqualTo(hex(RTP));
    }

    @ParameterizedTest(name = "{0} SRTP decrypt, flipped tag bit")
    @MethodSource("srtpVectors")
    void srtpDecryptionRejectsForgery(String name, String key, String protectedPacket) {
        byte[] packet = hex(protectedPacket);
        packet[packet.length - 1] ^= 1;
        byte[] before = packet.clone();

        assertThat(transform(key).unprotectRtp(packet, 0, 12, packet.length - 16, RTP_SSRC, RTP_INDEX)).isFalse();
        assertThat(packet).isEqualTo(before);
    }

    static Stream<Arguments> srtcpVectors() {
        return Stream.of(
                Arguments.of("§17 AEAD_AES_128_GCM", KEY_128, "81c8000d 4d617273 63e94885 dcdab67c a727d766"
                        + "2f6b7e99 7ff5c0f7 6c06f32d c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b c84aa458"
                        + "96cf4d2f c5abf872 45d9eade 800005d4"),
                Arguments.of("§17 AEAD_AES_256_GCM", KEY_256, "81c8000d 4d617273 d50ae4d1 f5ce5d30 4ba297e4"
                        + "7d470c28 2c3ece5d bffe0a50 a2eaa5c1 110555be 8415f658 c61de047 6f1b6fad 1d1eb30c"
                        + "4446839f 57ff6f6c b26ac3be 800005d4"));
    }

    @ParameterizedTest(name = "{0} SRTCP encrypt")
    @MethodSource("srtcpVectors")
    void srtcpEncryption(String name, String key, String expected) {
        byte[] plain = hex(RTCP);
        byte[] packet = Arrays.copyOf(plain, plain.length + AesGcm.TAG_LENGTH + SrtcpTrailer.LENGTH);

        int end = transform(key).protectRtcp(packet, 0, plain.length, RTCP_SSRC, SRTCP_INDEX);

        assertThat(end).isEqualTo(packet.length);
        assertThat(packet).isEqualTo(hex(expected));
    }

    @ParameterizedTest(name = "{0} SRTCP decrypt")
    @MethodSource("srtcpVectors")
    void srtcpDecryption(String name, String key, String protectedPacket) {
        byte[] packet = hex(protectedPacket);
        int trailer = BigEndian.readInt(packet, packet.length - SrtcpTrailer.LENGTH);

        int end = transform(key).unprotectRtcp(packet, 0, packet.length, RTCP_SSRC, trailer);

        assertThat(end).isEqualTo(hex(RTCP).length);
        assertThat(Arrays.copyOf(packet, end)).isEqualTo(hex(RTCP));
    }

    static Stream<Arguments> srtcpAuthenticatedOnlyVectors() {
        return Stream.of(
                Arguments.of("§17 AEAD_AES_128_GCM, E = 0", KEY_128, RTCP + "841dd968 3dd78ec9 2ae58790 125f62b3"
                        + "000005d4"),
                Arguments.of("§17 AEAD_AES_256_GCM, E = 0", KEY_256, RTCP + "91db4afb feee5a97 8fab4393 ed2615fe"
                        + "000005d4"));
    }

    @ParameterizedTest(name = "{0} SRTCP verify")
    @MethodSource("srtcpAuthenticatedOnlyVectors")
    void srtcpAuthenticationOnly(String name, String key, String protectedPacket) {
        byte[] packet = hex(protectedPacket);
        int trailer = BigEndian.readInt(packet, packet.length - SrtcpTrailer.LENGTH);
        assertThat(SrtcpTrailer.encrypted(trailer)).isFalse();

        int end = transform(key).unprotectRtcp(packet, 0, packet.length, RTCP_SSRC, trailer);

        assertThat(end).isEqualTo(hex(RTCP).length);
        assertThat(Arrays.copyOf(packet, end)).isEqualTo(hex(RTCP));
    }

    @ParameterizedTest(name = "{0} SRTCP verify, flipped payload bit")
    @MethodSource("srtcpAuthenticatedOnlyVectors")
    void srtcpAuthenticationOnlyRejectsForgery(String name, String key, String protectedPacket) {
        byte[] packet = hex(protectedPacket);
        packet[20] ^= 0x40;
        int trailer = BigEndian.readInt(packet, packet.length - SrtcpTrailer.LENGTH);

        assertThat(transform(key).unprotectRtcp(packet, 0, packet.length, RTCP_SSRC, trailer)).isEqualTo(-1);
    }

    private static AesGcmTransform transform(String key) {
        SrtpSessionKeys keys = new SrtpSessionKeys(hex(key), new byte[0], hex(SALT));
        return new AesGcmTransform(keys, keys);
    }
}
