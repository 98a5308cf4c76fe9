package io.hivemind.relay.bench.jmh;

import io.hivemind.relay.media.rtcp.CompoundRtcpPacket;
import io.hivemind.relay.media.rtcp.CompoundRtcpReader;
import io.hivemind.relay.media.rtcp.GenericNack;
import io.hivemind.relay.media.rtcp.GenericNackView;
import io.hivemind.relay.media.rtcp.NtpTime;
import io.hivemind.relay.media.rtcp.ReceiverReport;
import io.hivemind.relay.media.rtcp.ReportBlock;
import io.hivemind.relay.media.rtcp.ReportBlockView;
import io.hivemind.relay.media.rtcp.RtcpDropReason;
import io.hivemind.relay.media.rtcp.RtcpHeader;
import io.hivemind.relay.media.rtcp.RtcpPacket;
import io.hivemind.relay.media.rtcp.SenderReport;
import io.hivemind.relay.media.rtcp.SenderReportView;
import io.hivemind.relay.media.rtcp.SourceDescription;
import io.hivemind.relay.media.rtcp.SourceDescriptionView;
import io.hivemind.relay.media.rtcp.TransportCcFeedbackView;
import io.hivemind.relay.media.rtcp.TransportCcVisitor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import java.util.List;

/**
 * RTCP per-datagram paths: parse a typical compound (SR with one report block + SDES CNAME), parse a Generic NACK
 * and expand it, write an RR with one block, and walk a transport-cc feedback. All should show gc.alloc.rate.norm of
 * about 0 B/op under {@code -prof gc}.
 */
public class RtcpBenchmark extends Microbenchmark {
    private final CompoundRtcpReader reader = new CompoundRtcpReader();
    private final SenderReportView senderReport = new SenderReportView();
    private final SourceDescriptionView sourceDescription = new SourceDescriptionView();
    private final GenericNackView nack = new GenericNackView();
    private final TransportCcFeedbackView transportCc = new TransportCcFeedbackView();
    private final int[] lost = new int[64];
    private long arrivalSum;
    private final TransportCcVisitor arrivals = (seq, status, deltaMicros) -> arrivalSum += deltaMicros + status;

    private ByteBuf compound;
    private ByteBuf nackDatagram;
    private ByteBuf transportCcDatagram;
    private ByteBuf out;
    private ReceiverReport receiverReport;

    @Setup
    public void setUp() {
        ReportBlock block = new ReportBlock(0x5566_7788L, 3, 12, 0x0001_2345L, 160, 0xB705_2000L, 0x0005_4000L);
        compound = encode(CompoundRtcpPacket.of(
                new SenderReport(0x1122_3344L, NtpTime.fromUnixMillis(1_700_000_000_000L), 960_000, 5_000, 400_000,
                        List.of(block)),
                SourceDescription.cname(0x1122_3344L, "{9c00eb92-1afb-9d49-a47d-91f64eee69f5}")));
        nackDatagram = encode(GenericNack.ofLostSequences(0x1122_3344L, 0x5566_7788L, 65530, 65532, 65535, 3, 40));
        receiverReport = new ReceiverReport(0x1122_3344L, List.of(block));
        out = Unpooled.directBuffer(receiverReport.encodedLength());
        // 20 packets from sequence 1000: a run of 6 small deltas, a two-bit vector (lost, large, 5 small), a
        // one-bit vector of which 7 count (3 received); then 16 delta bytes and 2 bytes of zero padding.
        transportCcDatagram = Unpooled.directBuffer(44).writeBytes(new byte[] {
            (byte) 0x8F, (byte) 0xCD, 0x00, 0x0A, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88,
            0x03, (byte) 0xE8, 0x00, 0x14, 0x00, 0x00, 0x10, 0x2A, 0x20, 0x06, (byte) 0xC9, 0x55,
            (byte) 0xB0, (byte) 0xE0, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x01, 0x00, 0x08, 0x08,
            0x08, 0x08, 0x08, 0x0C, 0x0C, 0x0C, 0x00, 0x00});
        if (parseGenericNack() != 5 + 65530 || parseTransportCc() < 0 || reader.wrap(compound) != RtcpDropReason.NONE) {
            throw new IllegalStateException("a benchmark datagram does not parse");
        }
    }

    private static ByteBuf encode(RtcpPacket packet) {
        ByteBuf buf = Unpooled.directBuffer(packet.encodedLength());
        packet.encodeTo(buf);
        return buf;
    }

    @TearDown
    public void tearDown() {
        compound.release();
        nackDatagram.release();
        transportCcDatagram.release();
        out.release();
    }

    @Benchmark
    public long parseSenderReportAndCname() {
        if (reader.wrap(compound) != RtcpDropReason.NONE) {
            return -1;
        }
        long sum = 0;
        while (reader.next()) {
            RtcpHeader header = reader.header();
            if (header.packetType() == RtcpHeader.PT_SR && senderReport.wrap(header) == RtcpDropReason.NONE) {
                sum += senderReport.ssrc() + senderReport.ntpTimestamp() + senderReport.rtpTimestamp();
                for (int i = 0; i < senderReport.reportCount(); i++) {
                    ReportBlockView block = senderReport.reportBlock(i);
                    sum += block.cumulativeLost() + block.extendedHighestSequence() + block.jitter()
                            + block.lastSenderReport() + block.delaySinceLastSenderReport();
                }
            } else if (header.packetType() == RtcpHeader.PT_SDES
                    && sourceDescription.wrap(header) == RtcpDropReason.NONE) {
                while (sourceDescription.nextChunk()) {
                    sum += sourceDescription.chunkSsrc();
                    while (sourceDescription.nextItem()) {
                        sum += sourceDescription.itemType() + sourceDescription.itemLength();
                    }
                }
            }
        }
        return sum;
    }

    @Benchmark
    public int parseGenericNack() {
        if (reader.wrap(nackDatagram) != RtcpDropReason.NONE || !reader.next()
                || nack.wrap(reader.header()) != RtcpDropReason.NONE) {
            return -1;
        }
        return nack.lostSequences(lost) + lost[0];
    }

    @Benchmark
    public int writeReceiverReport() {
        out.clear();
        receiverReport.encodeTo(out);
        return out.writerIndex();
    }

    @Benchmark
    public long parseTransportCc() {
        if (reader.wrap(transportCcDatagram) != RtcpDropReason.NONE || !reader.next()
                || transportCc.wrap(reader.header()) != RtcpDropReason.NONE) {
            return -1;
        }
        arrivalSum = transportCc.referenceTimeMicros();
        transportCc.forEachPacket(arrivals);
        return arrivalSum;
    }
}
