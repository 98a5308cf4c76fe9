package io.hivemind.relay.signaling.sdp;

import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What we announce for one ICE-lite transport (one PeerConnection on the client side): our ICE credentials
 * (RFC 8839 §5.4), our certificate's SHA-256 fingerprint (RFC 8122) and our host candidates.
 */
public record LocalTransport(IceUfrag ufrag, IcePwd pwd, Fingerprint fingerprint, List<Candidate> candidates) {

    public LocalTransport {
        candidates = List.copyOf(candidates);
        if (!Fingerprint.SHA_256.equals(fingerprint.hashFunction())) {
            throw new IllegalArgumentException("our fingerprint must be sha-256");
        }
    }

    /**
     * UDP host candidates for each announced (resolved) address, the first preferred; IPv6 in RFC 5952 form.
     */
    public static LocalTransport of(String ufrag, String pwd, byte[] certificateSha256,
            List<InetSocketAddress> hostAddresses) {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < hostAddresses.size(); i++) {
            InetSocketAddress address = hostAddresses.get(i);
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("host candidates need resolved addresses");
            }
            candidates.add(Candidate.udpHost(i, NetUtil.toAddressString(address.getAddress()), address.getPort()));
        }
        return new LocalTransport(new IceUfrag(ufrag), new IcePwd(pwd), Fingerprint.sha256(certificateSha256),
                candidates);
    }
}
