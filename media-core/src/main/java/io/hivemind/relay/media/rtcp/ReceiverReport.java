package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * A Receiver Report to write (RFC 3550 §6.4.2; layout in {@link ReceiverReportView}). An RR with no blocks is what
 * a compound starts with when there is nothing to report.
 *
 * @param reportBlocks at most 31 blocks
 */
public record ReceiverReport(long ssrc, List<ReportBlock> reportBlocks) implements RtcpPacket {

    public ReceiverReport {
        RtcpPacket.requireUnsigned32(ssrc, "ssrc");
        reportBlocks = List.copyOf(reportBlocks);
        RtcpPacket.requireCount(reportBlocks.size(), "report blocks");
    }

    @Override
    public int encodedLength() {
        return ReceiverReportView.FIXED_LENGTH + reportBlocks.size() * ReportBlockView.SIZE;
    }

    @Override
    public void encodeTo(ByteBuf out) {
        RtcpHeader.write(out, reportBlocks.size(), RtcpHeader.PT_RR, encodedLength());
        out.writeInt((int) ssrc);
        ReportBlock.encodeAll(reportBlocks, out);
    }
}
