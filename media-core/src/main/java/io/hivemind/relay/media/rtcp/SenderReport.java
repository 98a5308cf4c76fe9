package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * A Sender Report to write (RFC 3550 §6.4.1; layout in {@link SenderReportView}).
 *
 * @param ntpTimestamp 64-bit NTP time of this report (see {@link NtpTime})
 * @param reportBlocks at most 31 blocks
 */
public record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
                           List<ReportBlock> reportBlocks) implements RtcpPacket {

    public SenderReport {
        RtcpPacket.requireUnsigned32(ssrc, "ssrc");
        RtcpPacket.requireUnsigned32(rtpTimestamp, "RTP timestamp");
        RtcpPacket.requireUnsigned32(packetCount, "packet count");
        RtcpPacket.requireUnsigned32(octetCount, "octet count");
        reportBlocks = List.copyOf(reportBlocks);
        RtcpPacket.requireCount(reportBlocks.size(), "report blocks");
    }

    @Override
    public int encodedLength() {
        return SenderReportView.FIXED_LENGTH + reportBlocks.size() * ReportBlockView.SIZE;
    }

    @Override
    public void encodeTo(ByteBuf out) {
        RtcpHeader.write(out, reportBlocks.size(), RtcpHeader.PT_SR, encodedLength());
        out.writeInt((int) ssrc);
        out.writeLong(ntpTimestamp);
        out.writeInt((int) rtpTimestamp);
        out.writeInt((int) packetCount);
        out.writeInt((int) octetCount);
        ReportBlock.encodeAll(reportBlocks, out);
    }
}
