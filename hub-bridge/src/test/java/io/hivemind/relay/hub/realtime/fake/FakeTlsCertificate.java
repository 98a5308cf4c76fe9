package io.hivemind.relay.hub.realtime.fake;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway self-signed ECDSA P-256 certificate for the IP address 127.0.0.1, so the fake server can serve
 * {@code wss://127.0.0.1} with a name the client's HTTPS host-name check accepts.
 */
public final class FakeTlsCertificate {

    private final KeyPair keys;
    private final X509Certificate certificate;

    private FakeTlsCertificate(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    public static FakeTlsCertificate create() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=fake-realtime");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(1, ChronoUnit.DAYS)), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        return new FakeTlsCertificate(keys, certificate);
    }

    /** The server side, for {@link FakeRealtimeServer#startTls}. */
    public SslContext serverContext() throws Exception {
        return SslContextBuilder.forServer(keys.getPrivate(), certificate).build();
    }

    /** A client context that trusts only this certificate, with HTTPS host-name verification. */
    public SslContext trustingClientContext() throws Exception {
        return SslContextBuilder.forClient().trustManager(certificate).endpointIdentificationAlgorithm("HTTPS")
                .build();
    }
}
