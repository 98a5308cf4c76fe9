package io.hivemind.relay.sfu.webrtc;

import io.hivemind.relay.sfu.dtls.DatagramSender;
import io.hivemind.relay.sfu.ice.IceLiteServer;
import io.hivemind.relay.sfu.transport.DatagramWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;

/**
 * A {@code DtlsEndpoint}'s way out: each datagram is copied into a pooled buffer (the endpoint reuses its array) and
 * written on the transport's event loop to the tuple ICE selected at that moment, so a nomination that switches
 * tuples (RFC 8445 §7.3.1.5) moves DTLS with it. Called on the DTLS thread, or on the loop itself when the transport
 * closes (close_notify), which then writes at once.
 */
final class SelectedTupleSender implements DatagramSender {

    private final EventLoop loop;
    private final DatagramWriter writer;
    private final IceLiteServer ice;
    private final WebRtcCounters counters;

    SelectedTupleSender(EventLoop loop, DatagramWriter writer, IceLiteServer ice, WebRtcCounters counters) {
        this.loop = loop;
        this.writer = writer;
        this.ice = ice;
        this.counters = counters;
    }

    @Override
    public void send(byte[] datagram, int offset, int length) {
        ByteBuf copy = writer.alloc().buffer(length).writeBytes(datagram, offset, length);
        if (loop.inEventLoop()) {
            write(copy);
            return;
        }
        try {
            loop.execute(() -> write(copy));
        } catch (RejectedExecutionException e) {
            copy.release();
        }
    }

    /** On the loop: to the selected tuple, or dropped when there is none (ICE closed, consent lost). */
    private void write(ByteBuf datagram) {
        InetSocketAddress to = ice.selectedTuple();
        if (to == null) {
            counters.drop(WebRtcDropReason.DTLS_DROPPED);
            datagram.release();
            return;
        }
        writer.write(datagram, to);
    }
}
