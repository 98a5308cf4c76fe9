package io.hivemind.relay.sfu.room;

import io.hivemind.relay.media.rtp.HeaderExtensionForm;
import io.hivemind.relay.media.rtp.HeaderExtensions;
import io.hivemind.relay.media.rtp.RtpPacket;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Fan-out of a producer's RTP to its consumers, and retransmission on NACK. Runs on the room's loop with one
 * reusable {@link RtpPacket} view; allocates nothing but the copy each extra consumer needs.
 *
 * <p>Every consumer but the last gets a copy from its own transport's allocator with the transport's tailroom, so
 * SRTP protection in place never reallocates. The last consumer gets the original buffer when it has that tailroom
 * (a datagram buffer from the channel does, as SRTP unprotect shortened it); the original is not needed afterwards
 * because the retransmission buffer keeps its own copy, made before any rewrite.
 *
 * <p>Header extensions: the publisher's ids mean nothing on the subscriber's session (RFC 8285 §5: ids are
 * negotiated per session), and some would mislead it — a forwarded {@code sdes:mid} would steer BUNDLE demux, a
 * transport-wide sequence number would ask for feedback about a stream we do not pace. So each consumer's packet
 * keeps only the audio-level element, renumbered to the subscriber's id; every other element is overwritten with
 * zero bytes, which RFC 8285 §4.2 defines as padding. In place, so the header length never changes.
 */
final class RoomRouter {
    private static final Logger log = LoggerFactory.getLogger(RoomRouter.class);

    private final RoomCounters counters;
    private final RtpPacket view = new RtpPacket();
    private final HeaderExtensions extensions = new HeaderExtensions();

    RoomRouter(RoomCounters counters) {
        this.counters = counters;
    }

    /** Forwards {@code packet} of {@code producer} to every active consumer. Takes ownership. */
    void forward(Producer producer, ByteBuf packet, long nowNanos) {
        List<Consumer> consumers = producer.consumers;
        int remaining = 0;
        for (int i = 0; i < consumers.size(); i++) {
            if (!consumers.get(i).paused()) {
                remaining++;
            }
        }
        boolean handedOff = false;
        try {
            for (int i = 0; i < consumers.size() && remaining > 0; i++) {
                Consumer consumer = consumers.get(i);
                if (consumer.paused()) {
                    continue;
                }
                remaining--;
                ParticipantTransport transport = consumer.subscriber().transport();
                boolean reuse = remaining == 0 && packet.writableBytes() >= transport.tailroom();
                ByteBuf out = reuse ? packet : copy(packet, transport);
                handedOff = reuse;
                send(consumer, out, nowNanos, -1);
            }
        } finally {
            if (!handedOff) {
                packet.release();
            }
        }
    }

    /**
     * Resends a stored packet to one consumer as sequence number {@code outSeq} (RFC 4585 §6.2.1: the NACK named
     * the consumer's numbering). Borrows {@code stored}.
     */
    void retransmit(Consumer consumer, ByteBuf stored, int outSeq, long nowNanos) {
        ByteBuf out = copy(stored, consumer.subscriber().transport());
        counters.retransmitted++;
        send(consumer, out, nowNanos, outSeq);
    }

    /**
     * Rewrites {@code out} for {@code consumer} and hands it to the transport. Takes ownership of {@code out}.
     * A fresh packet ({@code resendSeq < 0}) goes through the rewriter; a retransmission gets the given number and
     * its timestamp through the current epoch's offset.
     */
    private void send(Consumer consumer, ByteBuf out, long nowNanos, int resendSeq) {
        if (!view.wrap(out)) {
            out.release();
            return;
        }
        if (resendSeq < 0) {
            if (!consumer.rewriter().rewrite(view, nowNanos)) {
                out.release();
                return;
            }
        } else {
            view.setSequenceNumber(resendSeq);
            view.setTimestamp(consumer.rewriter().timestampOf(view.timestamp()));
        }
        view.setSsrc(consumer.ssrc());
        view.setPayloadType(consumer.payloadType());
        if (view.hasExtension()) {
            filterExtensions(consumer);
        }
        int length = out.readableBytes();
        consumer.packetsSent++;
        consumer.octetsSent += view.payloadLength();
        counters.rtpOut++;
        counters.rtpBytesOut += length;
        try {
            consumer.subscriber().transport().sendRtp(out);
        } catch (RuntimeException e) {
            // Counted, and logged at debug only: a broken sink would otherwise log once per packet.
            counters.drop(RoomDropReason.SINK_FAILED);
            log.debug("[{}] transport of {} threw on send", consumer.subscriber().room().name(),
                    consumer.subscriber().identity(), e);
        }
    }

    /** Keeps the audio level under the subscriber's id and pads over everything else; see the class comment. */
    private void filterExtensions(Consumer consumer) {
        extensions.wrap(view);
        HeaderExtensionForm form = extensions.form();
        if (form == null) {
            return;
        }
        ByteBuf buf = view.buffer();
        int levelId = consumer.producer().audioLevelExtensionId();
        int newId = consumer.audioLevelExtensionId();
        int headerLength = form.elementHeaderLength();
        while (extensions.next()) {
            int header = extensions.valueOffset() - headerLength;
            if (levelId != 0 && newId != 0 && extensions.id() == levelId) {
                if (form == HeaderExtensionForm.ONE_BYTE) {
                    buf.setByte(header, newId << 4 | extensions.valueLength() - 1);
                } else {
                    buf.setByte(header, newId);
                }
            } else {
                buf.setZero(header, headerLength + extensions.valueLength());
            }
        }
    }

    private static ByteBuf copy(ByteBuf packet, ParticipantTransport transport) {
        int length = packet.readableBytes();
        ByteBuf out = transport.alloc().buffer(length + transport.tailroom());
        out.writeBytes(packet, packet.readerIndex(), length);
        return out;
    }
}
