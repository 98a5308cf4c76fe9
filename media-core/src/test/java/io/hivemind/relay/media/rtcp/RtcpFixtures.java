package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.ArrayList;
import java.util.List;

/** Byte fixtures for the RTCP tests, and the decoding of views back into writable values. */
final class RtcpFixtures {

    private RtcpFixtures() {
    }

    /** Bytes from hex digits; spaces, newlines and '|' separators are ignored. */
    static byte[] hex(String digits) {
        String clean = digits.replaceAll("[\\s|]", "");
        if (clean.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        byte[] out = new byte[clean.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(clean.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** Encodes a packet into a fresh byte array, checking that it wrote exactly {@code encodedLength()} bytes. */
    static byte[] encode(RtcpPacket packet) {
        ByteBuf out = Unpooled.buffer(packet.encodedLength());
        try {
            packet.encodeTo(out);
            if (out.readableBytes() != packet.encodedLength()) {
                throw new AssertionError("wrote " + out.readableBytes() + " for " + packet.encodedLength());
            }
            byte[] bytes = new byte[out.readableBytes()];
            out.getBytes(0, bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    /**
     * A transport-cc feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1) from raw chunks and delta
     * bytes, zero-padded to 32 bits inside the length as the draft shows.
     */
    static byte[] transportCc(long sender, long media, int baseSeq, int statusCount, int referenceTime, int fbCount,
                              int[] chunks, byte[] deltas) {
        int body = 8 + chunks.length * 2 + deltas.length;
        int length = FeedbackMessageView.FCI_OFFSET + ((body + 3) & ~3);
        ByteBuf out = Unpooled.buffer(length);
        try {
            RtcpHeader.write(out, FeedbackMessageView.FMT_TRANSPORT_CC, RtcpHeader.PT_RTPFB, length);
            out.writeInt((int) sender);
            out.writeInt((int) media);
            out.writeShort(baseSeq);
            out.writeShort(statusCount);
            out.writeMedium(referenceTime);
            out.writeByte(fbCount);
            for (int chunk : chunks) {
                out.writeShort(chunk);
            }
            out.writeBytes(deltas);
            out.writeZero(length - out.writerIndex());
            byte[] bytes = new byte[length];
            out.getBytes(0, bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    /**
     * Reads a datagram back into the values our writers take: SR, RR, SDES, BYE and Generic NACK. Returns null when
     * the reader or a view drops it, when it holds another packet type, or when a text field does not fit a value
     * (bytes that are not UTF-8 can grow past 255 octets once decoded).
     */
    static List<RtcpPacket> decodeWritable(ByteBuf buf) {
        CompoundRtcpReader reader = new CompoundRtcpReader();
        if (reader.wrap(buf) != RtcpDropReason.NONE) {
            return null;
        }
        List<RtcpPacket> packets = new ArrayList<>();
        while (reader.next()) {
            RtcpPacket packet = decode(reader.header());
            if (packet == null) {
                return null;
            }
            packets.add(packet);
        }
        return packets;
    }

    /** Reads one packet that need not be a valid compound on its own (a lone SDES or BYE); null when dropped. */
    static RtcpPacket decodeSingle(ByteBuf buf) {
        RtcpHeader header = new RtcpHeader();
        int length = buf.readableBytes();
        if (header.wrap(buf, buf.readerIndex(), length) != RtcpDropReason.NONE || header.length() != length) {
            return null;
        }
        return decode(header);
    }

    private static RtcpPacket decode(RtcpHeader header) {
        try {
            switch (header.packetType()) {
                case RtcpHeader.PT_SR -> {
                    SenderReportView sr = new SenderReportView();
                    return sr.wrap(header) != RtcpDropReason.NONE ? null : new SenderReport(sr.ssrc(),
                            sr.ntpTimestamp(), sr.rtpTimestamp(), sr.packetCount(), sr.octetCount(), blocks(sr));
                }
                case RtcpHeader.PT_RR -> {
                    ReceiverReportView rr = new ReceiverReportView();
                    return rr.wrap(header) != RtcpDropReason.NONE ? null : new ReceiverReport(rr.ssrc(), blocks(rr));
                }
                case RtcpHeader.PT_SDES -> {
                    return sdes(header);
                }
                case RtcpHeader.PT_BYE -> {
                    ByeView bye = new ByeView();
                    if (bye.wrap(header) != RtcpDropReason.NONE) {
                        return null;
                    }
                    List<Long> ssrcs = new ArrayList<>();
                    for (int i = 0; i < bye.sourceCount(); i++) {
                        ssrcs.add(bye.ssrc(i));
                    }
                    return new Bye(ssrcs, bye.reason());
                }
                case RtcpHeader.PT_RTPFB -> {
                    GenericNackView nack = new GenericNackView();
                    if (nack.wrap(header) != RtcpDropReason.NONE) {
                        return null;
                    }
                    List<NackItem> items = new ArrayList<>();
                    for (int i = 0; i < nack.itemCount(); i++) {
                        items.add(new NackItem(nack.packetId(i), nack.bitmask(i)));
                    }
                    return new GenericNack(nack.senderSsrc(), nack.mediaSsrc(), items);
                }
                default -> {
                    return null;
                }
            }
        } catch (IllegalArgumentException textTooLong) {
            return null;
        }
    }

    private static SourceDescription sdes(RtcpHeader header) {
        SourceDescriptionView sdes = new SourceDescriptionView();
        if (sdes.wrap(header) != RtcpDropReason.NONE) {
            return null;
        }
        List<SdesChunk> chunks = new ArrayList<>();
        while (sdes.nextChunk()) {
            List<SdesItem> items = new ArrayList<>();
            long ssrc = sdes.chunkSsrc();
            while (sdes.nextItem()) {
                items.add(new SdesItem(sdes.itemType(), sdes.itemText()));
            }
            chunks.add(new SdesChunk(ssrc, items));
        }
        return new SourceDescription(chunks);
    }

    private static List<ReportBlock> blocks(ReportPacketView report) {
        List<ReportBlock> blocks = new ArrayList<>();
        for (int i = 0; i < report.reportCount(); i++) {
            ReportBlockView b = report.reportBlock(i);
            blocks.add(new ReportBlock(b.ssrc(), b.fractionLost(), b.cumulativeLost(), b.extendedHighestSequence(),
                    b.jitter(), b.lastSenderReport(), b.delaySinceLastSenderReport()));
        }
        return blocks;
    }
}
