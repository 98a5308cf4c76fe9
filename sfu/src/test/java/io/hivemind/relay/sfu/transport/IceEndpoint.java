package io.hivemind.relay.sfu.transport;

import io.hivemind.relay.media.stun.StunMessage;
import io.hivemind.relay.media.time.NanoClock;
import io.hivemind.relay.sfu.ice.BindingRequests;
import io.hivemind.relay.sfu.ice.IceLiteServer;
import io.hivemind.relay.sfu.ice.IceListener;
import io.hivemind.relay.sfu.ice.IceTupleRouting;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The socket-facing half of a WebRTC transport as the tests need it: a real {@link IceLiteServer} answering STUN and
 * binding validated tuples in the registry, and a queue recording every DTLS/RTP/RTCP datagram handed over (copied,
 * then released, as a transport's sink must).
 */
final class IceEndpoint implements TransportEndpoint, IceListener {

    /** One datagram that reached the endpoint. */
    record Received(PacketKind kind, byte[] bytes, InetSocketAddress sender) {
    }

    final IceLiteServer ice;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    RuntimeException failOnStun;
    /** Run after recording each RTP datagram, as a room forwarding it would. */
    Runnable whileHandlingRtp;

    IceEndpoint(EndpointRegistry registry, NanoClock clock) {
        ice = new IceLiteServer(BindingRequests.SERVER, clock, Duration.ofSeconds(30),
                new IceTupleRouting(registry, this, this), "test");
        ice.remoteCredentials(BindingRequests.CLIENT);
        registry.register(BindingRequests.SERVER.ufrag(), this);
    }

    @Override
    public StunResult onStun(StunMessage message, InetSocketAddress sender, DatagramWriter writer) {
        if (failOnStun != null) {
            throw failOnStun;
        }
        return ice.answer(message, sender, writer).stunResult();
    }

    @Override
    public void onDtls(ByteBuf datagram, InetSocketAddress sender) {
        record(PacketKind.DTLS, datagram, sender);
    }

    @Override
    public void onRtp(ByteBuf datagram, InetSocketAddress sender) {
        record(PacketKind.RTP, datagram, sender);
        if (whileHandlingRtp != null) {
            whileHandlingRtp.run();
        }
    }

    @Override
    public void onRtcp(ByteBuf datagram, InetSocketAddress sender) {
        record(PacketKind.RTCP, datagram, sender);
    }

    private void record(PacketKind kind, ByteBuf datagram, InetSocketAddress sender) {
        try {
            received.add(new Received(kind, ByteBufUtil.getBytes(datagram), sender));
        } finally {
            datagram.release();
        }
    }

    @Override
    public void onTupleValidated(InetSocketAddress address) {
    }

    @Override
    public void onTupleRemoved(InetSocketAddress address) {
    }

    @Override
    public void onSelectedTuple(InetSocketAddress address, boolean nominated) {
    }

    @Override
    public void onConsentExpired() {
    }
}
