package io.hivemind.relay.sfu.transport;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which transport a datagram on one media socket belongs to: local ICE ufrag → endpoint for STUN, validated remote
 * address → endpoint for DTLS and RTP/RTCP. Addresses are bound only after an authenticated ICE check (the transport
 * calls {@link #bindAddress} from {@code IceListener.onTupleValidated}), so nothing but STUN is accepted from an
 * address that has not proven knowledge of the ICE password.
 *
 * <p>Plain maps confined to the socket's event loop: register and unregister there (through the room's
 * {@code run(task)}), never from another thread.
 */
public final class EndpointRegistry {

    private final Map<String, TransportEndpoint> byUfrag = new HashMap<>();
    private final Map<InetSocketAddress, TransportEndpoint> byAddress = new HashMap<>();

    /** Routes STUN naming {@code localUfrag} to {@code endpoint}; a ufrag already in use is a programming error. */
    public void register(String localUfrag, TransportEndpoint endpoint) {
        Objects.requireNonNull(endpoint);
        TransportEndpoint previous = byUfrag.putIfAbsent(localUfrag, endpoint);
        if (previous != null) {
            throw new IllegalStateException("ICE ufrag already registered on this socket: " + localUfrag);
        }
    }

    /** Removes {@code endpoint}'s ufrag and every address bound to it: nothing reaches it afterwards. */
    public void unregister(String localUfrag, TransportEndpoint endpoint) {
        byUfrag.remove(localUfrag, endpoint);
        byAddress.values().removeIf(bound -> bound == endpoint);
    }

    /**
     * Lets DTLS and RTP/RTCP from {@code address} reach {@code endpoint}. If another endpoint had it (a peer reusing
     * a port for a new PeerConnection), the newest authenticated check wins.
     */
    public void bindAddress(InetSocketAddress address, TransportEndpoint endpoint) {
        byAddress.put(address, Objects.requireNonNull(endpoint));
    }

    /** Stops routing {@code address} to {@code endpoint}; no effect if it is bound to another one. */
    public void unbindAddress(InetSocketAddress address, TransportEndpoint endpoint) {
        byAddress.remove(address, endpoint);
    }

    /** The endpoint whose local ufrag is {@code localUfrag}, or null. */
    public TransportEndpoint byUfrag(String localUfrag) {
        return byUfrag.get(localUfrag);
    }

    /** The endpoint {@code address} is bound to, or null. */
    public TransportEndpoint byAddress(InetSocketAddress address) {
        return byAddress.get(address);
    }

    public int endpointCount() {
        return byUfrag.size();
    }

    public int addressCount() {
        return byAddress.size();
    }
}
