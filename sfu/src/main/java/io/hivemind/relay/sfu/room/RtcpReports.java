package io.hivemind.relay.sfu.room;

import io.hivemind.relay.media.rtcp.Bye;
import io.hivemind.relay.media.rtcp.CompoundRtcpPacket;
import io.hivemind.relay.media.rtcp.NtpTime;
import io.hivemind.relay.media.rtcp.ReceiverReport;
import io.hivemind.relay.media.rtcp.ReportBlock;
import io.hivemind.relay.media.rtcp.RtcpPacket;
import io.hivemind.relay.media.rtcp.SdesChunk;
import io.hivemind.relay.media.rtcp.SdesItem;
import io.hivemind.relay.media.rtcp.SenderReport;
import io.hivemind.relay.media.rtcp.SourceDescription;
import io.hivemind.relay.media.rtp.ReceptionStatistics;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * The RTCP the room sends as an RTP translator that rewrites SSRCs (RFC 3550 §7.2, RFC 7667 §3.7): receiver
 * reports toward each publisher about its producers, and sender reports toward each subscriber for each of its
 * consumers, every compound with an SDES CNAME (§6.1). Runs once per report interval, so it builds records.
 */
final class RtcpReports {
    /** The CNAME of the room's own reporting SSRCs. */
    static final String CNAME = "hivemind-relay";
    private static final long UNSIGNED_32 = 0xFFFF_FFFFL;
    private static final int MAX_BLOCKS = 31;
    private static final int REPORTS_PER_COMPOUND = 15;

    private RtcpReports() {
    }

    /**
     * RR toward a publisher (§6.4.2), one block per producer that has passed probation; null when there is none.
     * LSR/DLSR echo the publisher's last SR so it can measure the round trip (§6.4.1).
     */
    static ByteBuf receiverReport(Participant publisher, long nowNanos) {
        List<ReportBlock> blocks = new ArrayList<>();
        for (Producer producer : publisher.producers) {
            ReceptionStatistics stats = producer.statistics();
            if (!stats.isValid() || blocks.size() == MAX_BLOCKS) {
                continue;
            }
            long lsr = producer.lastSenderReport();
            long dlsr = lsr == 0 ? 0 : NtpTime.compactFromNanos(nowNanos - producer.lastSenderReportNanos());
            blocks.add(new ReportBlock(producer.ssrc() & UNSIGNED_32, stats.fractionLostSinceLastReport(),
                    stats.cumulativeLost(), stats.extendedHighestSequenceNumber() & UNSIGNED_32,
                    Math.min(stats.jitter(), UNSIGNED_32), lsr, dlsr));
        }
        if (blocks.isEmpty()) {
            return null;
        }
        long ssrc = publisher.rtcpSsrc() & UNSIGNED_32;
        return encode(publisher.transport(), new ReceiverReport(ssrc, blocks), SourceDescription.cname(ssrc, CNAME));
    }

    /**
     * One SR per started consumer toward a subscriber (§6.4.1): the NTP time now and the consumer's rewritten
     * RTP timestamp for the same instant, with its packet and octet counts. Split into compounds of at most
     * {@value #REPORTS_PER_COMPOUND} consumers so each stays well under a 1200-byte MTU; empty when nothing was
     * sent yet.
     */
    static List<ByteBuf> senderReports(Participant subscriber, long nowNanos, long ntpNow) {
        List<ByteBuf> compounds = new ArrayList<>(1);
        List<RtcpPacket> packets = new ArrayList<>();
        List<SdesChunk> chunks = new ArrayList<>();
        for (Consumer consumer : subscriber.consumers) {
            if (!consumer.rewriter().started()) {
                continue;
            }
            packets.add(senderReport(consumer, nowNanos, ntpNow));
            chunks.add(new SdesChunk(consumer.ssrc() & UNSIGNED_32, List.of(SdesItem.cname(CNAME))));
            if (chunks.size() == REPORTS_PER_COMPOUND) {
                compounds.add(senderCompound(subscriber, packets, chunks));
            }
        }
        if (!chunks.isEmpty()) {
            compounds.add(senderCompound(subscriber, packets, chunks));
        }
        return compounds;
    }

    private static ByteBuf senderCompound(Participant subscriber, List<RtcpPacket> packets, List<SdesChunk> chunks) {
        packets.add(new SourceDescription(chunks));
        ByteBuf out = encode(subscriber.transport(), packets.toArray(RtcpPacket[]::new));
        packets.clear();
        chunks.clear();
        return out;
    }

    /** A final SR and a BYE for a consumer whose producer went away (§6.6). */
    static ByteBuf bye(Consumer consumer, long nowNanos, long ntpNow, String reason) {
        long ssrc = consumer.ssrc() & UNSIGNED_32;
        RtcpPacket first = consumer.rewriter().started() ? senderReport(consumer, nowNanos, ntpNow)
                : new ReceiverReport(ssrc, List.of());
        return encode(consumer.subscriber().transport(), first,
                new SourceDescription(List.of(new SdesChunk(ssrc, List.of(SdesItem.cname(CNAME))))),
                new Bye(List.of(ssrc), reason));
    }

    private static SenderReport senderReport(Consumer consumer, long nowNanos, long ntpNow) {
        return new SenderReport(consumer.ssrc() & UNSIGNED_32, ntpNow,
                consumer.rewriter().timestampAt(nowNanos) & UNSIGNED_32, consumer.packetsSent() & UNSIGNED_32,
                consumer.octetsSent() & UNSIGNED_32, List.of());
    }

    private static ByteBuf encode(ParticipantTransport transport, RtcpPacket... packets) {
        CompoundRtcpPacket compound = CompoundRtcpPacket.of(packets);
        ByteBuf out = transport.alloc().buffer(compound.encodedLength() + transport.tailroom());
        compound.encodeTo(out);
        return out;
    }
}
