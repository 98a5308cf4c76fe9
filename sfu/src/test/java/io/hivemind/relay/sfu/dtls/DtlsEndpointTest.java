package io.hivemind.relay.sfu.dtls;

import static io.hivemind.relay.media.srtp.SrtpProfile.AEAD_AES_128_GCM;
import static io.hivemind.relay.media.srtp.SrtpProfile.AEAD_AES_256_GCM;
import static io.hivemind.relay.media.srtp.SrtpProfile.AES_CM_128_HMAC_SHA1_32;
import static io.hivemind.relay.media.srtp.SrtpProfile.AES_CM_128_HMAC_SHA1_80;
import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.hivemind.relay.media.srtp.SrtpProfile;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real DTLS 1.2 handshakes between our CLIENT and SERVER endpoints, wired back to back in memory. */
class DtlsEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final DtlsSettings DEFAULTS = DtlsSettings.defaults();

    private final DtlsFixture fixture = new DtlsFixture();

    @AfterEach
    void closeFixture() {
        fixture.close();
    }

    static Stream<Arguments> profileCases() {
        return Stream.of(
                Arguments.of("both defaults: AES-128-GCM", DtlsSettings.DEFAULT_SRTP_PROFILES,
                        DtlsSettings.DEFAULT_SRTP_PROFILES, AEAD_AES_128_GCM),
                Arguments.of("client offers only CM-80", List.of(AES_CM_128_HMAC_SHA1_80),
                        DtlsSettings.DEFAULT_SRTP_PROFILES, AES_CM_128_HMAC_SHA1_80),
                Arguments.of("Chromium's order: server preference wins",
                        List.of(AES_CM_128_HMAC_SHA1_80, AEAD_AES_256_GCM, AEAD_AES_128_GCM),
                        DtlsSettings.DEFAULT_SRTP_PROFILES, AEAD_AES_128_GCM),
                Arguments.of("CM-80 beats AES-256-GCM", List.of(AEAD_AES_256_GCM, AES_CM_128_HMAC_SHA1_80),
                        DtlsSettings.DEFAULT_SRTP_PROFILES, AES_CM_128_HMAC_SHA1_80),
                Arguments.of("only AES-256-GCM", List.of(AEAD_AES_256_GCM), DtlsSettings.DEFAULT_SRTP_PROFILES,
                        AEAD_AES_256_GCM),
                Arguments.of("only CM-32", List.of(AES_CM_128_HMAC_SHA1_32), DtlsSettings.DEFAULT_SRTP_PROFILES,
                        AES_CM_128_HMAC_SHA1_32),
                Arguments.of("server restricted to CM-80", DtlsSettings.DEFAULT_SRTP_PROFILES,
                        List.of(AES_CM_128_HMAC_SHA1_80), AES_CM_128_HMAC_SHA1_80));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profileCases")
    void handshakeAgreesOnProfileAndKeysInterwork(String name, List<SrtpProfile> clientProfiles,
                                                  List<SrtpProfile> serverProfiles, SrtpProfile expected) {
        DtlsFixture.Pair pair = fixture.pair(DEFAULTS.withSrtpProfiles(clientProfiles),
                DEFAULTS.withSrtpProfiles(serverProfiles));
        pair.start();

        SrtpKeyingMaterial client = pair.client().handshakeFuture().join();
        SrtpKeyingMaterial server = pair.server().handshakeFuture().join();

        assertThat(client.profile()).isEqualTo(expected);
        DtlsFixture.assertKeysInterwork(client, server);
        assertThat(pair.client().state()).isEqualTo(DtlsState.CONNECTED);
        assertThat(pair.server().state()).isEqualTo(DtlsState.CONNECTED);
        assertThat(fixture.counters.handshakesCompleted()).isEqualTo(2);
    }

    @Test
    void noCommonProfileFailsBothSidesWithoutKeys() {
        DtlsFixture.Pair pair = fixture.pair(DEFAULTS.withSrtpProfiles(List.of(AES_CM_128_HMAC_SHA1_32)),
                DEFAULTS.withSrtpProfiles(List.of(AEAD_AES_128_GCM)));
        pair.start();

        assertFailed(pair.server(), DtlsFailureReason.NO_SRTP_PROFILE);
        assertFailed(pair.client(), DtlsFailureReason.PEER_ALERT);
        assertThat(fixture.counters.failures(DtlsFailureReason.NO_SRTP_PROFILE)).isEqualTo(1);
    }

    static Stream<Arguments> mismatchCases() {
        DtlsFingerprint stranger = DtlsCertificate.generate().fingerprint();
        return Stream.of(
                Arguments.of("server checks a wrong client fingerprint", SrtpKeyingMaterial.Role.SERVER,
                        DtlsFixture.SERVER_CERTIFICATE.fingerprint(), stranger),
                Arguments.of("client checks a wrong server fingerprint", SrtpKeyingMaterial.Role.CLIENT,
                        stranger, DtlsFixture.CLIENT_CERTIFICATE.fingerprint()),
                Arguments.of("server expects its own fingerprint", SrtpKeyingMaterial.Role.SERVER,
                        DtlsFixture.SERVER_CERTIFICATE.fingerprint(), DtlsFixture.SERVER_CERTIFICATE.fingerprint()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mismatchCases")
    void fingerprintMismatchFailsWithoutKeys(String name, SrtpKeyingMaterial.Role checker,
                                             DtlsFingerprint clientExpects, DtlsFingerprint serverExpects) {
        DtlsFixture.Pair pair = fixture.pair(DEFAULTS, DEFAULTS, clientExpects, serverExpects,
                (datagram, offset, length) -> { });
        pair.start();

        DtlsEndpoint checking = checker == SrtpKeyingMaterial.Role.SERVER ? pair.server() : pair.client();
        DtlsEndpoint other = checking == pair.server() ? pair.client() : pair.server();
        assertFailed(checking, DtlsFailureReason.FINGERPRINT_MISMATCH);
        assertFailed(other, DtlsFailureReason.PEER_ALERT);
        assertThat(fixture.counters.failures(DtlsFailureReason.FINGERPRINT_MISMATCH)).isEqualTo(1);
        assertThat(fixture.counters.handshakesCompleted()).isZero();
    }

    @ParameterizedTest(name = "silent peer, we are {0}")
    @MethodSource("roles")
    void silentPeerTimesOut(SrtpKeyingMaterial.Role role) {
        DtlsEndpoint endpoint = fixture.endpoint("[alone]", role, DtlsFixture.SERVER_CERTIFICATE,
                DtlsFixture.CLIENT_CERTIFICATE.fingerprint(), (datagram, offset, length) -> { },
                DEFAULTS.withHandshakeTimeout(Duration.ofMillis(300)));
        endpoint.start();

        assertFailed(endpoint, DtlsFailureReason.HANDSHAKE_TIMEOUT);
        assertThat(fixture.counters.failures(DtlsFailureReason.HANDSHAKE_TIMEOUT)).isEqualTo(1);
    }

    static Stream<SrtpKeyingMaterial.Role> roles() {
        return Stream.of(SrtpKeyingMaterial.Role.values());
    }

    @Test
    void clientHelloSplitAcrossDatagramsStillCompletes() {
        int sendLimit = 150;
        List<Integer> clientDatagrams = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> splitClientHello = new CompletableFuture<>();
        DtlsFixture.Pair pair = fixture.pair(DEFAULTS.withSendLimit(sendLimit), DEFAULTS,
                DtlsFixture.SERVER_CERTIFICATE.fingerprint(), DtlsFixture.CLIENT_CERTIFICATE.fingerprint(),
                (datagram, offset, length) -> {
                    clientDatagrams.add(length);
                    if (clientDatagrams.size() == 2) {
                        splitClientHello.complete(null);
                    }
                });
        // The server starts only once two datagrams are queued: before it answers, all the client sends is its
        // first flight, the ClientHello.
        pair.client().start();
        assertThat(splitClientHello).succeedsWithin(WAIT);
        pair.server().start();

        DtlsFixture.assertKeysInterwork(pair.client().handshakeFuture().join(),
                pair.server().handshakeFuture().join());
        assertThat(clientDatagrams).allSatisfy(length -> assertThat(length).isLessThanOrEqualTo(sendLimit));
    }

    @ParameterizedTest(name = "{0} sends close_notify")
    @MethodSource("roles")
    void closeNotifyClosesThePeer(SrtpKeyingMaterial.Role closer) {
        DtlsFixture.Pair pair = fixture.pair(DEFAULTS, DEFAULTS);
        pair.start();
        pair.client().handshakeFuture().join();
        pair.server().handshakeFuture().join();
        DtlsEndpoint closing = closer == SrtpKeyingMaterial.Role.CLIENT ? pair.client() : pair.server();
        DtlsEndpoint peer = closing == pair.client() ? pair.server() : pair.client();

        closing.close();

        assertThat(peer.closeFuture()).succeedsWithin(WAIT).isEqualTo(DtlsState.CLOSED);
        assertThat(peer.state()).isEqualTo(DtlsState.CLOSED);
        assertThat(closing.state()).isEqualTo(DtlsState.CLOSED);
        assertThat(peer.failureReason()).isNull();
        closing.close();
        assertThat(closing.closeFuture()).isCompletedWithValue(DtlsState.CLOSED);
    }

    @Test
    void closeBeforeHandshakeEndsCompletesTheFutureWithoutAFailure() {
        DtlsEndpoint endpoint = fixture.endpoint("[early]", SrtpKeyingMaterial.Role.SERVER,
                DtlsFixture.SERVER_CERTIFICATE, DtlsFixture.CLIENT_CERTIFICATE.fingerprint(),
                (datagram, offset, length) -> { }, DEFAULTS);
        endpoint.start();
        endpoint.close();

        assertThat(endpoint.handshakeFuture()).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(DtlsHandshakeException.class,
                        e -> assertThat(e.reason()).isNull());
        assertThat(endpoint.state()).isEqualTo(DtlsState.CLOSED);
        for (DtlsFailureReason reason : DtlsFailureReason.values()) {
            assertThat(fixture.counters.failures(reason)).isZero();
        }
    }

    private static void assertFailed(DtlsEndpoint endpoint, DtlsFailureReason reason) {
        CompletableFuture<SrtpKeyingMaterial> keys = endpoint.handshakeFuture();
        assertThat(keys).failsWithin(WAIT).withThrowableOfType(ExecutionException.class).havingCause()
                .isInstanceOfSatisfying(DtlsHandshakeException.class, e -> assertThat(e.reason()).isEqualTo(reason));
        assertThat(endpoint.closeFuture()).succeedsWithin(WAIT).isEqualTo(DtlsState.FAILED);
        assertThat(endpoint.failureReason()).isEqualTo(reason);
    }
}
