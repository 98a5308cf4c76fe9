package io.hivemind.relay.sfu.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.hivemind.relay.media.srtp.SrtpProfile;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DtlsSettingsTest {

    private static final DtlsSettings DEFAULTS = DtlsSettings.defaults();

    @Test
    void defaultsPreferAesGcmThenCm80() {
        assertThat(DEFAULTS.srtpProfiles()).startsWith(SrtpProfile.AEAD_AES_128_GCM,
                SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(DEFAULTS.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(DEFAULTS.queueCapacity()).isEqualTo(64);
        assertThat(DEFAULTS.sendLimit()).isEqualTo(1200);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("zero timeout", (Supplier<DtlsSettings>) () -> DEFAULTS.withHandshakeTimeout(
                        Duration.ZERO), "handshake timeout"),
                Arguments.of("timeout beyond int millis", (Supplier<DtlsSettings>) () -> DEFAULTS.withHandshakeTimeout(
                        Duration.ofDays(30)), "handshake timeout"),
                Arguments.of("empty queue", (Supplier<DtlsSettings>) () -> DEFAULTS.withQueueCapacity(0),
                        "queue capacity"),
                Arguments.of("tiny send limit", (Supplier<DtlsSettings>) () -> DEFAULTS.withSendLimit(10),
                        "send limit"),
                Arguments.of("send limit above receive limit", (Supplier<DtlsSettings>) () -> DEFAULTS.withSendLimit(
                        DtlsEndpoint.RECEIVE_LIMIT + 1), "send limit"),
                Arguments.of("no SRTP profile", (Supplier<DtlsSettings>) () -> DEFAULTS.withSrtpProfiles(List.of()),
                        "SRTP profiles"),
                Arguments.of("duplicate SRTP profile", (Supplier<DtlsSettings>) () -> DEFAULTS.withSrtpProfiles(
                        List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AEAD_AES_128_GCM)), "SRTP profiles"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidSettingsAreRefused(String name, Supplier<DtlsSettings> settings, String message) {
        assertThatIllegalArgumentException().isThrownBy(settings::get).withMessageContaining(message);
    }
}
