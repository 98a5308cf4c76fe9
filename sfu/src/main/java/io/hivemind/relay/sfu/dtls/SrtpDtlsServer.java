package io.hivemind.relay.sfu.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Bouncy Castle server peer for the DTLS-SRTP passive role: DTLS 1.2 only (BC would select 1.3 against a browser
 * offering both and then fail), ECDHE-ECDSA AEAD suites, extended master secret required (RFC 7627), a mandatory
 * client certificate checked against the SDP fingerprint, and use_srtp answered with our preferred common profile.
 */
final class SrtpDtlsServer extends DefaultTlsServer {

    private final BcTlsCrypto crypto;
    private final DtlsCertificate certificate;
    private final DtlsSrtpNegotiation negotiation;
    private final int handshakeTimeoutMillis;
    private UseSRTPData srtpAnswer;

    SrtpDtlsServer(BcTlsCrypto crypto, DtlsCertificate certificate, DtlsSrtpNegotiation negotiation,
                   int handshakeTimeoutMillis) {
        super(crypto);
        this.crypto = crypto;
        this.certificate = certificate;
        this.negotiation = negotiation;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(crypto, DtlsSrtpNegotiation.CIPHER_SUITES);
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return certificate.signer(context, crypto);
    }

    @Override
    @SuppressWarnings("rawtypes") // Bouncy Castle's extension API uses raw Hashtables
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        srtpAnswer = negotiation.answer(TlsSRTPUtils.getUseSRTPExtension(clientExtensions));
    }

    @Override
    @SuppressWarnings("rawtypes") // Bouncy Castle's extension API uses raw Hashtables
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
        TlsSRTPUtils.addUseSRTPExtension(extensions, srtpAnswer);
        return extensions;
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        // Under DTLS 1.2 BC needs an explicit signature_algorithms list here (RFC 5246 §7.4.4).
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        return new CertificateRequest(types, TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        negotiation.verifyPeer(clientCertificate);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        negotiation.export(context);
    }
}
