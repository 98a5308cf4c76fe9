package io.hivemind.relay.sfu.room;

import io.hivemind.relay.media.rtcp.CompoundRtcpReader;
import io.hivemind.relay.media.rtcp.GenericNackView;
import io.hivemind.relay.media.rtcp.NackItem;
import io.hivemind.relay.media.rtcp.NtpTime;
import io.hivemind.relay.media.rtcp.RtcpDropReason;
import io.hivemind.relay.media.rtcp.RtcpHeader;
import io.hivemind.relay.media.rtcp.SenderReportView;
import io.netty.buffer.ByteBuf;

/**
 * Acts on the RTCP a participant sends: its sender reports (remembered for LSR/DLSR in the room's receiver reports)
 * and Generic NACKs about its consumers (RFC 4585 §6.2.1), answered from the producer's retransmission buffer after
 * mapping the consumer's sequence numbers back to the producer's. Everything else a browser sends (RR about our
 * SRs, SDES, PLI, transport-cc without negotiation) needs no action. Reuses its views; allocation-free.
 */
final class RtcpDispatcher {
    /** Caps the retransmissions one feedback packet can trigger: a NACK must not become an amplifier. */
    static final int MAX_RESENDS_PER_NACK = 64;

    private final CompoundRtcpReader reader = new CompoundRtcpReader();
    private final SenderReportView senderReport = new SenderReportView();
    private final GenericNackView nack = new GenericNackView();
    private final int[] lost = new int[NackItem.MAX_LOST_PER_ITEM];
    private final RoomRouter router;
    private final RoomCounters counters;

    RtcpDispatcher(RoomRouter router, RoomCounters counters) {
        this.router = router;
        this.counters = counters;
    }

    /** Handles one compound (or reduced-size) RTCP packet from {@code sender}. Borrows {@code packet}. */
    void dispatch(Participant sender, ByteBuf packet, long nowNanos) {
        if (reader.wrap(packet) != RtcpDropReason.NONE) {
            counters.drop(RoomDropReason.MALFORMED_RTCP);
            return;
        }
        while (reader.next()) {
            RtcpHeader header = reader.header();
            if (header.packetType() == RtcpHeader.PT_SR) {
                onSenderReport(sender, header, nowNanos);
            } else if (header.packetType() == RtcpHeader.PT_RTPFB && nack.wrap(header) == RtcpDropReason.NONE) {
                onNack(sender, nowNanos);
            }
        }
    }

    private void onSenderReport(Participant sender, RtcpHeader header, long nowNanos) {
        if (senderReport.wrap(header) != RtcpDropReason.NONE) {
            counters.drop(RoomDropReason.MALFORMED_RTCP);
            return;
        }
        Producer producer = sender.producerBySsrc((int) senderReport.ssrc());
        if (producer != null) {
            producer.onSenderReport(NtpTime.middle32(senderReport.ntpTimestamp()), nowNanos);
        }
    }

    private void onNack(Participant sender, long nowNanos) {
        Consumer consumer = sender.consumerBySsrc((int) nack.mediaSsrc());
        if (consumer == null || consumer.paused() || !consumer.producer().nack() || consumer.producer().muted()) {
            return;
        }
        int budget = MAX_RESENDS_PER_NACK;
        for (int item = 0, items = nack.itemCount(); item < items && budget > 0; item++) {
            int count = Math.min(budget, NackItem.expand(nack.packetId(item), nack.bitmask(item), lost, 0));
            budget -= count;
            for (int i = 0; i < count; i++) {
                resend(consumer, lost[i], nowNanos);
            }
        }
    }

    private void resend(Consumer consumer, int outSeq, long nowNanos) {
        int sourceSeq = consumer.rewriter().sourceSequence(outSeq);
        ByteBuf stored = sourceSeq < 0 ? null : consumer.producer().retransmissions().get(sourceSeq);
        if (stored == null) {
            counters.nackMisses++;
            return;
        }
        router.retransmit(consumer, stored, outSeq, nowNanos);
    }
}
