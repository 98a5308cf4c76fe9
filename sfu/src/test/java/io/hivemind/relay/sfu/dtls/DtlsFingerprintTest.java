package io.hivemind.relay.sfu.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Date;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SDP fingerprints (RFC 8122 §5) and our self-signed ECDSA certificate. */
class DtlsFingerprintTest {

    private static final DtlsCertificate CERTIFICATE = DtlsFixture.SERVER_CERTIFICATE;

    @Test
    void certificateIsSelfSignedEcdsaP256WithSha256AndCurrentlyValid() throws Exception {
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(CERTIFICATE.der()));

        assertThat(x509.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);
        x509.verify(x509.getPublicKey());
        x509.checkValidity(new Date());
        assertThat(x509.getSubjectX500Principal().getName()).startsWith("CN=hivemind-relay-");
        assertThat(DtlsFixture.CLIENT_CERTIFICATE.fingerprint()).isNotEqualTo(CERTIFICATE.fingerprint());
    }

    @Test
    void sdpFormIsUpperCaseHexPairsAndRoundTrips() {
        String sdp = CERTIFICATE.fingerprint().toSdp();

        assertThat(sdp).matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(DtlsFingerprint.parse(sdp)).isEqualTo(CERTIFICATE.fingerprint());
        assertThat(DtlsFingerprint.parse(sdp.toLowerCase()).matches(CERTIFICATE.der())).isTrue();
        assertThat(DtlsFingerprint.parse("  SHA-256 " + sdp.substring(8) + "\r\n").matches(CERTIFICATE.der()))
                .isTrue();
        assertThat(DtlsFixture.CLIENT_CERTIFICATE.fingerprint().matches(CERTIFICATE.der())).isFalse();
    }

    static Stream<Arguments> algorithms() {
        return Stream.of(DtlsFingerprint.Algorithm.values()).map(algorithm -> Arguments.of(algorithm.sdpName(),
                algorithm));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void everyAcceptedHashFunctionVerifiesTheCertificate(String name, DtlsFingerprint.Algorithm algorithm) {
        String sdp = DtlsFingerprint.of(algorithm, CERTIFICATE.der()).toSdp();

        assertThat(sdp).startsWith(name + " ");
        assertThat(DtlsFingerprint.parse(sdp).matches(CERTIFICATE.der())).isTrue();
        assertThat(DtlsFingerprint.parse(sdp).matches(DtlsFixture.CLIENT_CERTIFICATE.der())).isFalse();
    }

    static Stream<Arguments> malformed() {
        String pairs32 = HexFormat.ofDelimiter(":").formatHex(new byte[32]);
        return Stream.of(
                Arguments.of("MD5 refused", "md5 " + HexFormat.ofDelimiter(":").formatHex(new byte[16]),
                        "unsupported fingerprint hash function: md5"),
                Arguments.of("unknown hash function", "sha-3 " + pairs32, "unsupported fingerprint hash function"),
                Arguments.of("no hash function", pairs32, "needs '<hash-func> <hex pairs>'"),
                Arguments.of("empty", "", "needs '<hash-func> <hex pairs>'"),
                Arguments.of("too few pairs", "sha-256 AB:CD", "needs 32 hex pairs, got 2"),
                Arguments.of("SHA-1 length under sha-256", "sha-256 " + HexFormat.ofDelimiter(":")
                        .formatHex(new byte[20]), "needs 32 hex pairs, got 20"),
                Arguments.of("non-hex digit", "sha-256 GG" + pairs32.substring(2), "pair 0 is not two hex digits"),
                Arguments.of("three-digit pair", "sha-256 ABC" + pairs32.substring(2), "pair 0 is not two hex"),
                Arguments.of("sign in a pair", "sha-256 +1" + pairs32.substring(2), "pair 0 is not two hex digits"),
                Arguments.of("trailing colon", "sha-256 " + pairs32 + ":", "needs 32 hex pairs, got 33"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedFingerprintsAreRefusedClearly(String name, String value, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> DtlsFingerprint.parse(value))
                .withMessageContaining(message);
    }
}
