package io.hivemind.relay.signaling.sdp;

import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import java.util.List;

/**
 * What ICE and DTLS need from a negotiation: the remote ICE credentials, the fingerprint the remote certificate must
 * match (RFC 5763 §5), our DTLS role from the {@code a=setup} exchange (RFC 5763 §5, RFC 8842 §5) and the remote
 * UDP candidates. The remote password is redacted in {@link #toString()} by {@link IcePwd}.
 */
public record NegotiatedTransport(IceUfrag remoteUfrag, IcePwd remotePwd, Fingerprint remoteFingerprint,
        SrtpKeyingMaterial.Role dtlsRole, List<Candidate> remoteCandidates) {

    public NegotiatedTransport {
        remoteCandidates = List.copyOf(remoteCandidates);
    }
}
