package io.hivemind.relay.sfu.ice;

import io.hivemind.relay.sfu.transport.EndpointRegistry;
import io.hivemind.relay.sfu.transport.TransportEndpoint;
import java.net.InetSocketAddress;

/**
 * Keeps a media socket's {@link EndpointRegistry} in step with an {@link IceLiteServer}: a validated tuple is bound
 * to the transport's endpoint, a removed one unbound, so DTLS and RTP reach the transport only from addresses that
 * passed an authenticated check. Every event is then passed on to the transport's own listener.
 */
public final class IceTupleRouting implements IceListener {

    private final EndpointRegistry registry;
    private final TransportEndpoint endpoint;
    private final IceListener next;

    public IceTupleRouting(EndpointRegistry registry, TransportEndpoint endpoint, IceListener next) {
        this.registry = registry;
        this.endpoint = endpoint;
        this.next = next;
    }

    @Override
    public void onTupleValidated(InetSocketAddress address) {
        registry.bindAddress(address, endpoint);
        next.onTupleValidated(address);
    }

    @Override
    public void onTupleRemoved(InetSocketAddress address) {
        registry.unbindAddress(address, endpoint);
        next.onTupleRemoved(address);
    }

    @Override
    public void onSelectedTuple(InetSocketAddress address, boolean nominated) {
        next.onSelectedTuple(address, nominated);
    }

    @Override
    public void onConsentExpired() {
        next.onConsentExpired();
    }
}
