package io.hivemind.relay.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The floor under the load tool's transit on this machine: stamped datagrams from client sockets on one loop, through
 * a plain forwarder on a loop of its own (no ICE, DTLS, SRTP or room: the least any relay can do), back to client
 * sockets on the first loop, at 50 packets/s per stream like the publishers. Two kernel UDP hops and two thread
 * wake-ups, exactly what transit through a relay adds to the relay's own work; on a virtual machine the wake-ups of
 * idle virtual CPUs dominate the tail.
 */
final class LoopbackFloor {

    /** One measured rate. */
    record Result(int streams, double packetsPerSecond, LatencySummary latencyMicros) {
    }

    private static final long FRAME_NANOS = 20_000_000L;
    private static final int DATAGRAM_BYTES = 100;

    private LoopbackFloor() {
    }

    /** Sends {@code streams} streams through the forwarder, waits {@code warmup}, then measures {@code window}. */
    static Result measure(int streams, Duration warmup, Duration window, PrintStream out) throws Exception {
        Class<? extends DatagramChannel> type = LoadClients.channelType();
        MultiThreadIoEventLoopGroup clients = LoadClients.newLoops(1, "floor-client");
        MultiThreadIoEventLoopGroup forwarding = LoadClients.newLoops(1, "floor-forwarder");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        Histogram transit = ReceiveStats.newHistogram();
        boolean[] measuring = {false};
        try {
            List<Channel> receivers = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                receivers.add(new Bootstrap().group(clients).channel(type).handler(new Receiver(transit, measuring))
                        .bind(new InetSocketAddress(loopback, 0)).sync().channel());
            }
            Channel forwarder = new Bootstrap().group(forwarding).channel(type)
                    .option(ChannelOption.SO_RCVBUF, 1 << 20).handler(new Forwarder(receivers))
                    .bind(new InetSocketAddress(loopback, 0)).sync().channel();
            InetSocketAddress to = (InetSocketAddress) forwarder.localAddress();
            for (int i = 0; i < streams; i++) {
                Channel sender = new Bootstrap().group(clients).channel(type)
                        .handler(new ChannelInboundHandlerAdapter()).bind(new InetSocketAddress(loopback, 0)).sync()
                        .channel();
                int index = i;
                sender.eventLoop().scheduleAtFixedRate(() -> {
                    ByteBuf datagram = sender.alloc().directBuffer(DATAGRAM_BYTES);
                    datagram.writeInt(index).writeLong(System.nanoTime()).writeZero(DATAGRAM_BYTES - 12);
                    sender.writeAndFlush(new DatagramPacket(datagram, to), sender.voidPromise());
                }, FRAME_NANOS * i / streams, FRAME_NANOS, TimeUnit.NANOSECONDS);
            }
            out.printf("floor: %d streams (%d packets/s) through a plain forwarder%n", streams, streams * 50);
            Thread.sleep(warmup.toMillis());
            clients.next().submit(() -> measuring[0] = true).get();
            long start = System.nanoTime();
            Thread.sleep(window.toMillis());
            Histogram copy = clients.next().submit(() -> {
                measuring[0] = false;
                return transit.copy();
            }).get();
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(streams, copy.getTotalCount() / seconds, LatencySummary.of(copy));
        } finally {
            forwarding.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    /** Sends each datagram on to the receiver of its stream; flushes once per read batch, as the relay does. */
    private static final class Forwarder extends SimpleChannelInboundHandler<DatagramPacket> {
        private final List<InetSocketAddress> receivers = new ArrayList<>();

        Forwarder(List<Channel> receivers) {
            receivers.forEach(c -> this.receivers.add((InetSocketAddress) c.localAddress()));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            int stream = content.getInt(content.readerIndex());
            if (stream >= 0 && stream < receivers.size()) {
                ctx.write(new DatagramPacket(content.retain(), receivers.get(stream)), ctx.voidPromise());
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    /** Records the transit of each datagram while measuring; on the client loop only. */
    private static final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Histogram transit;
        private final boolean[] measuring;

        Receiver(Histogram transit, boolean[] measuring) {
            this.transit = transit;
            this.measuring = measuring;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            long now = System.nanoTime();
            if (measuring[0]) {
                long sent = packet.content().getLong(packet.content().readerIndex() + 4);
                transit.recordValue(Math.min(Math.max(0, (now - sent) / 1_000), ReceiveStats.MAX_TRANSIT_MICROS));
            }
        }
    }
}
