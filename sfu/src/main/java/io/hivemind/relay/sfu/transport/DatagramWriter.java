package io.hivemind.relay.sfu.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;

/**
 * Sends datagrams from a media socket. Call only on the socket's event loop. Writes made while the socket is
 * handling a read batch are flushed together at the end of the batch, or once enough forwarded copies wait (as
 * Netty's FlushConsolidationHandler would); writes from elsewhere (timers, room tasks) are flushed at once.
 */
public interface DatagramWriter {

    /**
     * Takes ownership of {@code datagram} (its readable bytes are the payload) and sends it to {@code recipient}.
     * Released by the channel once written, or on failure.
     */
    void write(ByteBuf datagram, InetSocketAddress recipient);

    /** The allocator to build outgoing datagrams with (the channel's pooled one). */
    ByteBufAllocator alloc();
}
