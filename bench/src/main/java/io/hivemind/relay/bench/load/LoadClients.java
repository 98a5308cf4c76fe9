package io.hivemind.relay.bench.load;

import io.hivemind.relay.sfu.dtls.DtlsCertificate;
import io.hivemind.relay.sfu.dtls.DtlsCounters;
import io.hivemind.relay.sfu.ice.IceCredentials;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load clients' shared machinery: the client event loops (epoll where available; each client socket is
 * registered on one of them, round robin), the DTLS thread pool (Bouncy Castle's DTLS blocks: one thread per
 * client for its life), one certificate for every client, and the packet counters.
 */
final class LoadClients implements AutoCloseable {

    private static final int SOCKET_BUFFER_BYTES = 1 << 20;
    private final MultiThreadIoEventLoopGroup loops;
    private final Class<? extends DatagramChannel> channelType;
    private final ExecutorService dtlsThreads;
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final DtlsCounters dtlsCounters = new DtlsCounters();
    private final PeerCounters counters = new PeerCounters();
    private final SecureRandom random = new SecureRandom();
    private final InetAddress loopback;

    LoadClients(int loopThreads) throws Exception {
        this.loops = newLoops(loopThreads, "load-loop");
        this.channelType = channelType();
        AtomicInteger dtlsIndex = new AtomicInteger();
        this.dtlsThreads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "load-dtls-" + dtlsIndex.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.loopback = InetAddress.getByName("127.0.0.1");
    }

    /** Event loops for UDP clients: epoll where available, NIO elsewhere. */
    static MultiThreadIoEventLoopGroup newLoops(int threads, String name) {
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name), io);
    }

    /** The datagram channel matching {@link #newLoops}. */
    static Class<? extends DatagramChannel> channelType() {
        return Epoll.isAvailable() ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    PeerCounters counters() {
        return counters;
    }

    /** A new client with its socket bound to an ephemeral port on 127.0.0.1. Blocks until bound. */
    LoadPeer open(String name) throws InterruptedException {
        LoadPeer peer = new LoadPeer(name, IceCredentials.random(random), certificate, dtlsThreads, dtlsCounters,
                counters);
        Channel channel = new Bootstrap().group(loops).channel(channelType)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                .handler(peer)
                .bind(new InetSocketAddress(loopback, 0)).sync().channel();
        peer.bound(channel);
        return peer;
    }

    @Override
    public void close() throws InterruptedException {
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        dtlsThreads.shutdownNow();
        dtlsThreads.awaitTermination(10, TimeUnit.SECONDS);
    }
}
