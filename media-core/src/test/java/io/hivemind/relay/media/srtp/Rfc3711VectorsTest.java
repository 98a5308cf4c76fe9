package io.hivemind.relay.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 3711 Appendix B.2 (AES-CM keystream) and B.3 (key derivation), typed in from the RFC text. */
class Rfc3711VectorsTest {

    // B.2: Session Key 2B7E151628AED2A6ABF7158809CF4F3C, ROC 0, SEQ 0, SSRC 0,
    // Session Salt F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000 (already shifted), Offset F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000.
    private static final byte[] B2_SESSION_KEY = hex("2B7E151628AED2A6ABF7158809CF4F3C");
    private static final byte[] B2_SESSION_SALT = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");
    private static final byte[] B2_OFFSET = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
    /** The B.2 segment runs from counter ...0000 to ...FF01: 0xFF02 blocks. */
    private static final int B2_SEGMENT_BLOCKS = 0xFF02;

    // B.3: master key and master salt.
    private static final byte[] B3_MASTER_KEY = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] B3_MASTER_SALT = hex("0EC675AD498AFEEBB6960B3AABE6");

    static Stream<Arguments> keystreamBlocks() {
        return Stream.of(
                Arguments.of("counter F0F1...FD0000", 0x0000, "E03EAD0935C95E80E166B16DD92B4EB4"),
                Arguments.of("counter F0F1...FD0001", 0x0001, "D23513162B02D0F72A43A2FE4A5F97AB"),
                Arguments.of("counter F0F1...FD0002", 0x0002, "41E95B3BB0A2E8DD477901E4FCA894C0"),
                Arguments.of("counter F0F1...FDFEFF", 0xFEFF, "EC8CDF7398607CB0F2D21675EA9EA1E4"),
                Arguments.of("counter F0F1...FDFF00", 0xFF00, "362B7C3C6773516318A077D7FC5073AE"),
                Arguments.of("counter F0F1...FDFF01", 0xFF01, "6A2CC3787889374FBEB4C81B17BA6C44"));
    }

    @ParameterizedTest(name = "B.2 keystream {0}")
    @MethodSource("keystreamBlocks")
    void appendixB2KeystreamSegment(String name, int block, String expected) {
        byte[] keystream = new byte[B2_SEGMENT_BLOCKS * AesKeystream.BLOCK];
        new AesKeystream(B2_SESSION_KEY).xor(B2_OFFSET, keystream, 0, keystream.length);

        byte[] actual = new byte[AesKeystream.BLOCK];
        System.arraycopy(keystream, block * AesKeystream.BLOCK, actual, 0, actual.length);
        assertThat(actual).isEqualTo(hex(expected));
    }

    @Test
    void appendixB2CounterBlockComesFromSaltSsrcAndIndex() {
        // SRTP protect with the B.2 session key and salt, SSRC 0 and index 0 over a zero payload: the ciphertext is
        // the keystream, so the transform's IV must be exactly the B.2 offset.
        SrtpSessionKeys keys = new SrtpSessionKeys(B2_SESSION_KEY, new byte[SrtpProfile.AUTH_KEY_LENGTH],
                B2_SESSION_SALT);
        AesCmHmacSha1Transform transform = new AesCmHmacSha1Transform(keys, keys, 10, 10);
        byte[] packet = new byte[12 + 48 + 10];
        packet[0] = (byte) 0x80;

        transform.protectRtp(packet, 0, 12, 60, 0, 0);

        byte[] payload = new byte[48];
        System.arraycopy(packet, 12, payload, 0, 48);
        assertThat(payload).isEqualTo(hex("E03EAD0935C95E80E166B16DD92B4EB4"
                + "D23513162B02D0F72A43A2FE4A5F97AB" + "41E95B3BB0A2E8DD477901E4FCA894C0"));
    }

    static Stream<Arguments> derivedKeys() {
        return Stream.of(
                Arguments.of("cipher key (label 0x00)", SrtpKeyDerivation.LABEL_RTP_ENCRYPTION, 16,
                        "C61E7A93744F39EE10734AFE3FF7A087"),
                Arguments.of("cipher salt (label 0x02)", SrtpKeyDerivation.LABEL_RTP_SALT, 14,
                        "30CBBC08863D8C85D49DB34A9AE1"),
                Arguments.of("auth key (label 0x01)", SrtpKeyDerivation.LABEL_RTP_AUTH, 94,
                        "CEBE321F6FF7716B6FD4AB49AF256A15" + "6D38BAA48F0A0ACF3C34E2359E6CDBCE"
                                + "E049646C43D9327AD175578EF7227098" + "6371C10C9A369AC2F94A8C5FBCDDDC25"
                                + "6D6E919A48B610EF17C2041E47403576" + "6B68642C59BBFC2F34DB60DBDFB2"));
    }

    @ParameterizedTest(name = "B.3 {0}")
    @MethodSource("derivedKeys")
    void appendixB3KeyDerivation(String name, int label, int length, String expected) {
        assertThat(SrtpKeyDerivation.derive(B3_MASTER_KEY, B3_MASTER_SALT, label, length)).isEqualTo(hex(expected));
    }

    @Test
    void appendixB3SessionKeysOfTheHmacProfile() {
        SrtpSessionKeys keys = SrtpKeyDerivation.rtpKeys(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                new SrtpMasterKey(B3_MASTER_KEY, B3_MASTER_SALT));

        assertThat(keys.encryptionKey()).isEqualTo(hex("C61E7A93744F39EE10734AFE3FF7A087"));
        assertThat(keys.salt()).isEqualTo(hex("30CBBC08863D8C85D49DB34A9AE1"));
        assertThat(keys.authKey()).isEqualTo(hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"));
        assertThat(keys.toString()).doesNotContain("C61E", "c61e", "-61");
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }
}
