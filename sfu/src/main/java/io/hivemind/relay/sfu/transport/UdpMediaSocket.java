package io.hivemind.relay.sfu.transport;

import io.hivemind.relay.media.time.NanoClock;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One media UDP port, owned by one media event loop: STUN, DTLS and SRTP of every transport placed on that loop
 * share it (RFC 7983 demultiplexing by {@link MediaDatagramHandler}). Native epoll receives with {@code recvmmsg}
 * (up to {@link #DATAGRAMS_PER_READ} datagrams per system call); NIO is the fallback off Linux.
 *
 * <p>Transports register with {@link #registry()} and write with {@link #writer()} on {@link #loop()} only.
 */
public final class UdpMediaSocket {

    /** Largest datagram received whole: above any MTU a browser uses; longer ones are truncated by the kernel. */
    public static final int MAX_DATAGRAM_SIZE = 2048;
    /** Datagrams one {@code recvmmsg} may return (epoll only). */
    public static final int DATAGRAMS_PER_READ = 16;

    /** The receive and send buffer each media socket asks the kernel for. */
    static final int SOCKET_BUFFER_BYTES = 4 << 20;

    private final IoEventLoop loop;
    private final Channel channel;
    private final MediaDatagramHandler handler;
    private final List<HostCandidate> candidates;

    private UdpMediaSocket(IoEventLoop loop, Channel channel, MediaDatagramHandler handler,
            List<HostCandidate> candidates) {
        this.loop = loop;
        this.channel = channel;
        this.handler = handler;
        this.candidates = candidates;
    }

    /**
     * Binds a socket on {@code loop} at {@code bindAddress} (port 0 = ephemeral) and waits for the bind: call from
     * a setup thread, never from an event loop. The transport type follows the loop's I/O handler.
     *
     * @param announced the addresses put in host candidates, most preferred first (the bind address itself, or
     *                  the public address of a 1:1 NAT or container); must not be empty
     */
    public static UdpMediaSocket bind(IoEventLoop loop, InetSocketAddress bindAddress, List<InetAddress> announced)
            throws InterruptedException {
        if (loop.inEventLoop()) {
            throw new IllegalStateException("binding blocks: call it off the event loops");
        }
        if (announced.isEmpty()) {
            throw new IllegalArgumentException("announce at least one address for candidates of " + bindAddress);
        }
        EndpointRegistry registry = new EndpointRegistry();
        MediaDatagramHandler handler = new MediaDatagramHandler(registry, "udp=" + bindAddress, NanoClock.SYSTEM);
        // One socket carries every transport of its loop, so it needs a kernel buffer for bursts of all of them:
        // the load tool saw UdpRcvbufErrors with the 212 KiB default. The kernel caps the value at rmem_max/wmem_max.
        // The pooled allocator, as the fan-out benchmark measures: under load JFR showed Netty 4.2's default
        // adaptive allocator creating a DirectByteBuffer slice for every consumer copy (RoomRouter.copy).
        Bootstrap bootstrap = new Bootstrap().group(loop).handler(handler)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES);
        if (loop.isIoType(EpollIoHandler.class)) {
            bootstrap.channel(EpollDatagramChannel.class)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM_SIZE)
                    .option(ChannelOption.RECVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(MAX_DATAGRAM_SIZE * DATAGRAMS_PER_READ));
        } else {
            bootstrap.channel(NioDatagramChannel.class)
                    .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM_SIZE));
        }
        Channel channel = bootstrap.bind(bindAddress).sync().channel();
        int port = ((InetSocketAddress) channel.localAddress()).getPort();
        List<HostCandidate> candidates = new ArrayList<>(announced.size());
        for (int i = 0; i < announced.size(); i++) {
            candidates.add(HostCandidate.of(i, announced.get(i), port));
        }
        return new UdpMediaSocket(loop, channel, handler, List.copyOf(candidates));
    }

    /** The loop that owns this socket and every transport on it. */
    public IoEventLoop loop() {
        return loop;
    }

    /** Where transports on this socket register; use on {@link #loop()}. */
    public EndpointRegistry registry() {
        return handler.registry();
    }

    /** How transports on this socket send; use on {@link #loop()}. */
    public DatagramWriter writer() {
        return handler;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Host candidates for every announced address, with this socket's port. */
    public List<HostCandidate> candidates() {
        return candidates;
    }

    /** Whether this socket uses native epoll. */
    public boolean isNative() {
        return channel instanceof EpollDatagramChannel;
    }

    /** The drop counters, read on the owning loop. */
    public CompletableFuture<Map<DropReason, Long>> dropCounts() {
        CompletableFuture<Map<DropReason, Long>> result = new CompletableFuture<>();
        loop.execute(() -> result.complete(handler.drops().snapshot()));
        return result;
    }

    /** The media datagrams and bytes so far, read on the owning loop. */
    public CompletableFuture<MediaTraffic> traffic() {
        CompletableFuture<MediaTraffic> result = new CompletableFuture<>();
        loop.execute(() -> result.complete(handler.traffic()));
        return result;
    }

    /** The forwarding delay of RTP through this socket (its loop writes, any thread reads). */
    public ForwardingDelayHistogram forwardingDelay() {
        return handler.forwardingDelay();
    }

    /** Closes the socket; transports on it must already be closed. Does not wait. */
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "UdpMediaSocket[" + channel.localAddress() + (isNative() ? ", epoll" : ", nio") + "]";
    }
}
