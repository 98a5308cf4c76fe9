package io.hivemind.relay.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SrtpProfileTest {

    static Stream<Arguments> profiles() {
        return Stream.of(
                Arguments.of("SRTP_AES128_CM_HMAC_SHA1_80", SrtpProfile.AES_CM_128_HMAC_SHA1_80, 0x0001, 16, 14, 10,
                        10),
                Arguments.of("SRTP_AES128_CM_HMAC_SHA1_32", SrtpProfile.AES_CM_128_HMAC_SHA1_32, 0x0002, 16, 14, 4, 10),
                Arguments.of("SRTP_AEAD_AES_128_GCM", SrtpProfile.AEAD_AES_128_GCM, 0x0007, 16, 12, 16, 16),
                Arguments.of("SRTP_AEAD_AES_256_GCM", SrtpProfile.AEAD_AES_256_GCM, 0x0008, 32, 12, 16, 16));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void rfc5764AndRfc7714Parameters(String name, SrtpProfile profile, int id, int keyLength, int saltLength,
                                     int rtpTag, int rtcpTag) {
        assertThat(profile.protectionProfileId()).isEqualTo(id);
        assertThat(SrtpProfile.forProtectionProfileId(id)).isSameAs(profile);
        assertThat(profile.masterKeyLength()).isEqualTo(keyLength);
        assertThat(profile.masterSaltLength()).isEqualTo(saltLength);
        assertThat(profile.rtpTagLength()).isEqualTo(rtpTag);
        assertThat(profile.rtcpTagLength()).isEqualTo(rtcpTag);
        assertThat(profile.isAead()).isEqualTo(id >= 7);
    }

    @Test
    void unknownProfileIdIsNull() {
        assertThat(SrtpProfile.forProtectionProfileId(0x0005)).isNull();
    }
}
