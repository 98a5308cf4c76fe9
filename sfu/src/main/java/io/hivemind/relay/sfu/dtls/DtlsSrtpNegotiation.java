package io.hivemind.relay.sfu.dtls;

import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.hivemind.relay.media.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;

/**
 * The DTLS-SRTP decisions both roles share, for one handshake: which SRTP profile (RFC 5764 §4.1.1), whether the
 * peer's certificate matches the SDP fingerprint (RFC 5763 §5, RFC 8122 §5), and the exported keying material
 * (RFC 5764 §4.2). Keys are only exported after the fingerprint check ran and passed, so no code path can skip it.
 * Used from the single handshake thread only.
 */
final class DtlsSrtpNegotiation {

    /** ECDHE with ECDSA certificates and AEAD ciphers: what browsers offer for DTLS 1.2. */
    static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    };

    private static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

    private final SrtpKeyingMaterial.Role role;
    private final DtlsFingerprint remoteFingerprint;
    private final List<SrtpProfile> preference;
    private SrtpProfile profile;
    private boolean peerVerified;
    private SrtpKeyingMaterial keyingMaterial;
    private DtlsFailureReason failureReason;

    DtlsSrtpNegotiation(SrtpKeyingMaterial.Role role, DtlsFingerprint remoteFingerprint,
                        List<SrtpProfile> preference) {
        this.role = role;
        this.remoteFingerprint = remoteFingerprint;
        this.preference = preference;
    }

    /** The use_srtp extension a client sends: our profiles in preference order, no MKI. */
    UseSRTPData offer() {
        int[] ids = preference.stream().mapToInt(SrtpProfile::protectionProfileId).toArray();
        return new UseSRTPData(ids, TlsUtils.EMPTY_BYTES);
    }

    /** Server side: picks our most preferred profile among those the client offered. */
    UseSRTPData answer(UseSRTPData clientOffer) throws TlsFatalAlert {
        if (clientOffer == null) {
            throw fail(DtlsFailureReason.NO_SRTP_PROFILE, AlertDescription.handshake_failure,
                    "client offered no use_srtp extension");
        }
        for (SrtpProfile candidate : preference) {
            for (int offered : clientOffer.getProtectionProfiles()) {
                if (offered == candidate.protectionProfileId()) {
                    profile = candidate;
                    return new UseSRTPData(new int[] {offered}, TlsUtils.EMPTY_BYTES);
                }
            }
        }
        throw fail(DtlsFailureReason.NO_SRTP_PROFILE, AlertDescription.handshake_failure,
                "no common SRTP protection profile");
    }

    /** Client side: the server must echo exactly one of the profiles we offered. */
    void accept(UseSRTPData serverAnswer) throws TlsFatalAlert {
        if (serverAnswer == null) {
            throw fail(DtlsFailureReason.NO_SRTP_PROFILE, AlertDescription.handshake_failure,
                    "server sent no use_srtp extension");
        }
        int[] chosen = serverAnswer.getProtectionProfiles();
        SrtpProfile answered = chosen.length == 1 ? SrtpProfile.forProtectionProfileId(chosen[0]) : null;
        if (answered == null || !preference.contains(answered)) {
            throw fail(DtlsFailureReason.NO_SRTP_PROFILE, AlertDescription.illegal_parameter,
                    "server chose an SRTP profile we did not offer");
        }
        profile = answered;
    }

    /** Checks the peer's leaf certificate against the SDP fingerprint; a fatal bad_certificate otherwise. */
    void verifyPeer(Certificate chain) throws TlsFatalAlert {
        if (chain == null || chain.isEmpty()) {
            throw fail(DtlsFailureReason.FINGERPRINT_MISMATCH, AlertDescription.bad_certificate,
                    "peer sent no certificate");
        }
        byte[] leaf;
        try {
            leaf = chain.getCertificateAt(0).getEncoded();
        } catch (IOException e) {
            throw fail(DtlsFailureReason.FINGERPRINT_MISMATCH, AlertDescription.bad_certificate,
                    "peer certificate cannot be encoded");
        }
        if (!remoteFingerprint.matches(leaf)) {
            throw fail(DtlsFailureReason.FINGERPRINT_MISMATCH, AlertDescription.bad_certificate,
                    "peer certificate does not match the SDP fingerprint");
        }
        peerVerified = true;
    }

    /**
     * Exports and splits the SRTP master keys for our role. BC allows the export only from
     * {@code notifyHandshakeComplete()}; a refusal there still aborts the handshake with an alert.
     */
    void export(TlsContext context) throws TlsFatalAlert {
        if (!peerVerified) {
            throw fail(DtlsFailureReason.FINGERPRINT_MISMATCH, AlertDescription.bad_certificate,
                    "handshake ended without a verified peer certificate");
        }
        if (profile == null) {
            throw fail(DtlsFailureReason.NO_SRTP_PROFILE, AlertDescription.handshake_failure,
                    "handshake ended without an SRTP profile");
        }
        byte[] exported = context.exportKeyingMaterial(EXPORTER_LABEL, null,
                SrtpKeyingMaterial.exportLength(profile));
        try {
            keyingMaterial = SrtpKeyingMaterial.split(profile, exported, role);
        } finally {
            Arrays.fill(exported, (byte) 0);
        }
    }

    /** The keys {@link #export} produced, or {@code null} when it never ran. */
    SrtpKeyingMaterial keyingMaterial() {
        return keyingMaterial;
    }

    /** The first reason this handshake was refused by our side, or {@code null}. */
    DtlsFailureReason failureReason() {
        return failureReason;
    }

    private TlsFatalAlert fail(DtlsFailureReason reason, short alert, String message) {
        if (failureReason == null) {
            failureReason = reason;
        }
        return new TlsFatalAlert(alert, message);
    }
}
