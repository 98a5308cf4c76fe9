package io.hivemind.relay.sfu.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media event loops ({@code media-loop-N}) and one {@link UdpMediaSocket} per loop: a port per loop, so a
 * transport's datagrams arrive on the thread that owns its room, with no hand-off and no lock (mediasoup's
 * worker-per-core model). A single-port deployment is the same with one loop. Native epoll when available, NIO
 * otherwise.
 */
public final class MediaSocketGroup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaSocketGroup.class);

    private static final long SHUTDOWN_TIMEOUT_MILLIS = 2000;

    private final MultiThreadIoEventLoopGroup group;
    private final List<UdpMediaSocket> sockets;
    private int nextSocket;

    /**
     * Where and how the media sockets listen.
     *
     * @param bindAddress the local address to bind (127.0.0.1 by default; 0.0.0.0 or :: for all)
     * @param firstPort   the first loop's port, the N-th loop's is {@code firstPort + N}; 0 = ephemeral ports
     * @param loops       how many media loops (and ports); 1 for a single media port
     * @param announced   addresses for host candidates, most preferred first; empty = the bind address, which
     *                    must then not be a wildcard
     * @param nativeEpoll whether to use epoll when it is available
     */
    public record Config(InetAddress bindAddress, int firstPort, int loops, List<InetAddress> announced,
            boolean nativeEpoll) {

        public Config {
            if (loops < 1) {
                throw new IllegalArgumentException("need at least one media loop: " + loops);
            }
            if (firstPort < 0 || firstPort != 0 && firstPort + loops - 1 > 0xFFFF) {
                throw new IllegalArgumentException("media ports out of range: " + firstPort + " + " + loops);
            }
            announced = List.copyOf(announced);
            if (announced.isEmpty() && bindAddress.isAnyLocalAddress()) {
                throw new IllegalArgumentException("bound to a wildcard address: configure the announced address");
            }
        }

        InetSocketAddress bindAddress(int loop) {
            return new InetSocketAddress(bindAddress, firstPort == 0 ? 0 : firstPort + loop);
        }

        List<InetAddress> candidateAddresses() {
            return announced.isEmpty() ? List.of(bindAddress) : announced;
        }
    }

    private MediaSocketGroup(MultiThreadIoEventLoopGroup group, List<UdpMediaSocket> sockets) {
        this.group = group;
        this.sockets = sockets;
    }

    /** Starts the loops and binds every port, or closes what it opened and throws. Blocks: call at startup. */
    public static MediaSocketGroup start(Config config) throws InterruptedException {
        boolean epoll = config.nativeEpoll() && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(config.loops(),
                new DefaultThreadFactory("media-loop"), io);
        List<UdpMediaSocket> sockets = new ArrayList<>(config.loops());
        try {
            int index = 0;
            for (EventExecutor loop : group) {
                sockets.add(UdpMediaSocket.bind((IoEventLoop) loop, config.bindAddress(index++),
                        config.candidateAddresses()));
            }
        } catch (InterruptedException | RuntimeException e) {
            sockets.forEach(UdpMediaSocket::close);
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
        LOG.info("media sockets {} ({})", sockets, epoll ? "epoll" : "nio");
        return new MediaSocketGroup(group, List.copyOf(sockets));
    }

    /** Every socket, one per loop. */
    public List<UdpMediaSocket> sockets() {
        return sockets;
    }

    /**
     * The media loops, each owning one of {@link #sockets()}: create rooms on this group (for example through
     * {@code RoomService}) so a room lives on the loop of its transports' socket. The group belongs to this object.
     */
    public EventLoopGroup eventLoopGroup() {
        return group;
    }

    /** The socket (and loop) for a new room: round robin. Call from one thread, the one that creates rooms. */
    public UdpMediaSocket nextSocket() {
        UdpMediaSocket socket = sockets.get(nextSocket);
        nextSocket = (nextSocket + 1) % sockets.size();
        return socket;
    }

    /** Closes the sockets and stops the loops, waiting a bounded time for them. Call off the media loops. */
    @Override
    public void close() {
        sockets.forEach(UdpMediaSocket::close);
        try {
            group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                    .await(SHUTDOWN_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
