package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * What SR and RR share (RFC 3550 §6.4): the reporter's SSRC right after the header and a run of report blocks after
 * a type-specific prefix. Anything after the blocks is a profile-specific extension and is left alone.
 */
public abstract sealed class ReportPacketView permits SenderReportView, ReceiverReportView {
    private static final int OFFSET_SSRC = 4;

    private final ReportBlockView block = new ReportBlockView();
    private final int packetType;
    private final int blocksOffset;
    ByteBuf buf;
    int offset;
    private int reportCount;

    ReportPacketView(int packetType, int blocksOffset) {
        this.packetType = packetType;
        this.blocksOffset = blocksOffset;
    }

    /** Points the view at {@code header}'s packet, checking its type and that every report block fits. */
    public RtcpDropReason wrap(RtcpHeader header) {
        buf = null;
        reportCount = 0;
        if (header.packetType() != packetType) {
            return RtcpDropReason.WRONG_TYPE;
        }
        int count = header.count();
        if (header.contentLength() < blocksOffset + count * ReportBlockView.SIZE) {
            return RtcpDropReason.MALFORMED;
        }
        buf = header.buffer();
        offset = header.offset();
        reportCount = count;
        return RtcpDropReason.NONE;
    }

    /** SSRC of the sender of this report. */
    public long ssrc() {
        return buf.getUnsignedInt(offset + OFFSET_SSRC);
    }

    public int reportCount() {
        return reportCount;
    }

    /** The {@code index}-th report block; the returned view is reused by the next call. */
    public ReportBlockView reportBlock(int index) {
        if (index < 0 || index >= reportCount) {
            throw new IndexOutOfBoundsException(index);
        }
        return block.wrap(buf, offset + blocksOffset + index * ReportBlockView.SIZE);
    }
}
