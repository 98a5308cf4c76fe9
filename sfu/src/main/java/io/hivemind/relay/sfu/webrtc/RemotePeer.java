package io.hivemind.relay.sfu.webrtc;

import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.hivemind.relay.sfu.dtls.DtlsFingerprint;
import io.hivemind.relay.sfu.ice.IceCredentials;
import java.util.Objects;

/**
 * What the SDP negotiation learned about the remote end of one transport, as plain values (sfu does not depend on
 * signaling; its {@code NegotiatedTransport} maps onto this one to one).
 *
 * @param ice         the remote {@code a=ice-ufrag}/{@code a=ice-pwd}; checks must then name
 *                    {@code localUfrag:remoteUfrag} (RFC 8445 §7.2.2). Redacted in {@code toString()}.
 * @param fingerprint the remote {@code a=fingerprint}: the peer's DTLS certificate must hash to it (RFC 5763 §5)
 * @param dtlsRole    our DTLS role from the {@code a=setup} exchange: SERVER when we answered {@code actpass} with
 *                    {@code passive}, CLIENT when the remote is {@code passive} (RFC 5763 §5, RFC 8842 §5)
 */
public record RemotePeer(IceCredentials ice, DtlsFingerprint fingerprint, SrtpKeyingMaterial.Role dtlsRole) {

    public RemotePeer {
        Objects.requireNonNull(ice, "ice");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(dtlsRole, "dtlsRole");
    }
}
