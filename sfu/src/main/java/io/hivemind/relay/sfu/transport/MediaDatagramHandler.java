package io.hivemind.relay.sfu.transport;

import io.hivemind.relay.media.stun.StunAttributeType;
import io.hivemind.relay.media.stun.StunDropReason;
import io.hivemind.relay.media.stun.StunMessage;
import io.hivemind.relay.media.time.NanoClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only handler of a media UDP socket, on the socket's event loop. Each datagram is classified by its first byte
 * (RFC 7983, {@link PacketKind}) and routed:
 * <ul>
 *   <li>STUN: parsed; the local ufrag before ':' in USERNAME picks the endpoint (RFC 8445 §7.3), which answers
 *       through this handler as {@link DatagramWriter};</li>
 *   <li>DTLS, RTP, RTCP: the source address picks the endpoint, and only addresses bound after an authenticated ICE
 *       check are in the {@link EndpointRegistry}; ownership of the bytes passes to the endpoint;</li>
 *   <li>everything else is released and counted by {@link DropReason}.</li>
 * </ul>
 * An exception from an endpoint is counted and logged (rate limited) and never closes the shared channel. Writes made
 * during a read batch are flushed together, in {@link #channelReadComplete} or once {@link #FLUSH_AT_COPIES} copies
 * wait.
 *
 * <p>Metrics, all plain single-writer state of this loop: RTP/RTCP datagrams and bytes each way
 * ({@link #traffic()}), drops by reason, and the forwarding delay. A room on this loop forwards an RTP datagram
 * while this handler is still in {@code endpoint.onRtp} (no hand-off), so every RTP write made meanwhile is a
 * forwarded copy of it; the time from reading the datagram to the flush that hands those copies to the kernel goes
 * into {@link #forwardingDelay()}, so the wait for the rest of the read batch counts too. A batch flushes at its end,
 * or as soon as {@link #FLUSH_AT_COPIES} copies wait.
 */
public final class MediaDatagramHandler extends ChannelInboundHandlerAdapter implements DatagramWriter {

    private static final Logger LOG = LoggerFactory.getLogger(MediaDatagramHandler.class);
    /**
     * Copies after which a read batch flushes without waiting for its end: enough for one {@code sendmmsg} to pay
     * off, few enough that one large fan-out does not hold back the copies made before it. Every pending read has at
     * least one copy, so at most this many reads are pending.
     */
    static final int FLUSH_AT_COPIES = 32;
    /** Log the first exception at WARN, then one in this many (the rest at DEBUG). */
    private static final long WARN_EVERY = 1000;
    /** RFC 8839 §5.4: a ufrag is at most 256 characters; a longer prefix names no transport. */
    private static final int MAX_UFRAG_LENGTH = 256;

    private final EndpointRegistry registry;
    private final DropCounters drops = new DropCounters();
    private final ForwardingDelayHistogram forwardingDelay = new ForwardingDelayHistogram();
    private final NanoClock clock;
    private final StunMessage stun = new StunMessage();
    private final String logPrefix;
    private ChannelHandlerContext ctx;
    private boolean reading;
    private boolean flushPending;
    private long packetsIn;
    private long bytesIn;
    private long packetsOut;
    private long bytesOut;
    /** Set while an endpoint handles an inbound RTP datagram; the RTP copies written meanwhile. */
    private boolean forwarding;
    private int copies;
    /** Read time and copy count of each RTP datagram whose copies wait for the flush. */
    private final long[] pendingReadNanos = new long[FLUSH_AT_COPIES];
    private final int[] pendingCopies = new int[FLUSH_AT_COPIES];
    private int pendingReads;
    private int pendingCopiesTotal;

    /**
     * @param registry  the socket's routing table, confined to the same loop
     * @param logPrefix e.g. {@code "udp=127.0.0.1:40000"}
     * @param clock     what the forwarding delay is measured with
     */
    public MediaDatagramHandler(EndpointRegistry registry, String logPrefix, NanoClock clock) {
        this.registry = registry;
        this.logPrefix = logPrefix;
        this.clock = clock;
    }

    public EndpointRegistry registry() {
        return registry;
    }

    /** The drop counters; read them on the socket's loop. */
    public DropCounters drops() {
        return drops;
    }

    /** Media datagrams and bytes so far; call on the socket's loop. */
    public MediaTraffic traffic() {
        return new MediaTraffic(packetsIn, bytesIn, packetsOut, bytesOut);
    }

    /** The forwarding delay of RTP this socket received and sent again; readable from any thread. */
    public ForwardingDelayHistogram forwardingDelay() {
        return forwardingDelay;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            drops.increment(DropReason.UNKNOWN_CLASS);
            return;
        }
        ByteBuf content = packet.content();
        InetSocketAddress sender = packet.sender();
        boolean handedOff = false;
        try {
            PacketKind kind = PacketKind.classify(content);
            if (kind == null) {
                drops.increment(DropReason.UNKNOWN_CLASS);
            } else if (kind == PacketKind.STUN) {
                routeStun(content, sender);
            } else {
                handedOff = routeBySource(kind, content, sender);
            }
        } catch (RuntimeException e) {
            countException(e);
        } finally {
            if (!handedOff) {
                content.release();
            }
        }
    }

    /** Hands DTLS/RTP/RTCP to the endpoint bound to {@code sender}; true once ownership has passed. */
    private boolean routeBySource(PacketKind kind, ByteBuf content, InetSocketAddress sender) {
        TransportEndpoint endpoint = registry.byAddress(sender);
        if (endpoint == null) {
            drops.increment(DropReason.UNKNOWN_SOURCE);
            return false;
        }
        switch (kind) {
            case DTLS -> endpoint.onDtls(content, sender);
            case RTP -> routeRtp(endpoint, content, sender);
            case RTCP -> {
                countIn(content);
                endpoint.onRtcp(content, sender);
            }
            default -> throw new IllegalArgumentException("not routed by source: " + kind);
        }
        return true;
    }

    private void routeRtp(TransportEndpoint endpoint, ByteBuf content, InetSocketAddress sender) {
        countIn(content);
        long receivedNanos = clock.nanoTime();
        forwarding = true;
        copies = 0;
        try {
            endpoint.onRtp(content, sender);
        } finally {
            forwarding = false;
            if (copies > 0) {
                pendingReadNanos[pendingReads] = receivedNanos;
                pendingCopies[pendingReads++] = copies;
                pendingCopiesTotal += copies;
                if (pendingCopiesTotal >= FLUSH_AT_COPIES) {
                    flushBatch();
                }
            }
        }
    }

    private void countIn(ByteBuf content) {
        packetsIn++;
        bytesIn += content.readableBytes();
    }

    private void routeStun(ByteBuf content, InetSocketAddress sender) {
        if (stun.wrap(content) != StunDropReason.NONE) {
            drops.increment(DropReason.STUN_MALFORMED);
            return;
        }
        String ufrag = localUfrag(content);
        TransportEndpoint endpoint = ufrag == null ? null : registry.byUfrag(ufrag);
        if (endpoint == null) {
            drops.increment(DropReason.STUN_UNKNOWN_USERNAME);
            return;
        }
        switch (endpoint.onStun(stun, sender, this)) {
            case REJECTED -> drops.increment(DropReason.STUN_REJECTED);
            case IGNORED -> drops.increment(DropReason.STUN_IGNORED);
            default -> {
            }
        }
    }

    /**
     * The part of USERNAME before the first ':', which for a check sent to us is our ufrag (RFC 8445 §7.2.2), or
     * null. Allocates one short string per STUN message: checks come every few seconds per peer, not per packet.
     */
    private String localUfrag(ByteBuf content) {
        int at = stun.attribute(StunAttributeType.USERNAME);
        if (at < 0) {
            return null;
        }
        int value = at + StunAttributeType.HEADER_LENGTH;
        int length = Math.min(stun.attributeLength(at), MAX_UFRAG_LENGTH + 1);
        for (int i = 0; i < length; i++) {
            if (content.getByte(value + i) == ':') {
                return i == 0 ? null : content.toString(value, i, StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        if (flushPending) {
            flushBatch();
        }
        ctx.fireChannelReadComplete();
    }

    /** Sends what the batch wrote, then records how long each forwarded copy waited since its datagram's read. */
    private void flushBatch() {
        flushPending = false;
        ctx.flush();
        if (pendingReads > 0) {
            long flushedNanos = clock.nanoTime();
            for (int i = 0; i < pendingReads; i++) {
                forwardingDelay.record(flushedNanos - pendingReadNanos[i], pendingCopies[i]);
            }
            pendingReads = 0;
            pendingCopiesTotal = 0;
        }
    }

    @Override
    public void write(ByteBuf datagram, InetSocketAddress recipient) {
        if (ctx == null || !ctx.executor().inEventLoop()) {
            datagram.release();
            throw new IllegalStateException("write a media datagram on its socket's event loop");
        }
        PacketKind kind = PacketKind.classify(datagram);
        if (kind == PacketKind.RTP || kind == PacketKind.RTCP) {
            packetsOut++;
            bytesOut += datagram.readableBytes();
            if (forwarding && kind == PacketKind.RTP) {
                copies++;
            }
        }
        ctx.write(new DatagramPacket(datagram, recipient), ctx.voidPromise());
        if (reading) {
            flushPending = true;
        } else {
            ctx.flush();
        }
    }

    @Override
    public ByteBufAllocator alloc() {
        if (ctx == null) {
            throw new IllegalStateException("the handler is not in a pipeline yet");
        }
        return ctx.alloc();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The socket is shared by every transport on this loop: a failure is counted, never fatal to the channel.
        countException(cause);
    }

    private void countException(Throwable cause) {
        drops.increment(DropReason.HANDLER_EXCEPTION);
        long count = drops.count(DropReason.HANDLER_EXCEPTION);
        if (count % WARN_EVERY == 1) {
            LOG.warn("{} media datagram handling failed ({} so far)", logPrefix, count, cause);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{} media datagram handling failed ({} so far)", logPrefix, count, cause);
        }
    }
}
