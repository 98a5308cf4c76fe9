package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Validates a compound RTCP datagram and then walks its packets with one reusable {@link RtcpHeader}; nothing is
 * allocated per datagram.
 *
 * <p>{@link #wrap} runs the whole validity check of RFC 3550 §6.1 / Appendix A.2 before the first packet is seen:
 * every packet has version 2, the length fields add up exactly to the datagram length, only the last packet may
 * carry padding, and a compound of several packets starts with SR or RR.
 *
 * <p>Reduced-size RTCP (RFC 5506): a datagram that does not start with SR or RR is accepted when every packet in
 * it is an RTCP feedback message (RTPFB or PSFB, RFC 4585 §6.1), so a lone NACK, PLI or TWCC report passes, and so
 * do several feedback messages sent together; any other non-report first packet is {@code BAD_FIRST_PACKET}.
 * The requirement that a full compound carries an SDES CNAME is a sender rule and is not checked here. A datagram of
 * one packet may carry padding: it is both first and last (Appendix A.2 masks P only as a heuristic for compounds),
 * and browsers send lone padded feedback.
 *
 * <pre>{@code
 * if (reader.wrap(buf) == RtcpDropReason.NONE) {
 *     while (reader.next()) {
 *         RtcpHeader h = reader.header();
 *         if (h.packetType() == RtcpHeader.PT_SR && sr.wrap(h) == RtcpDropReason.NONE) { ... }
 *     }
 * }
 * }</pre>
 */
public final class CompoundRtcpReader {
    private final RtcpHeader header = new RtcpHeader();
    private ByteBuf buf;
    private int end;
    private int cursor;
    private int packetCount;
    private boolean valid;

    /** Wraps the readable bytes of {@code buf}; borrows it. */
    public RtcpDropReason wrap(ByteBuf buf) {
        return wrap(buf, buf.readerIndex(), buf.readableBytes());
    }

    /** Wraps {@code length} bytes of {@code buf} from {@code offset}; borrows it. */
    public RtcpDropReason wrap(ByteBuf buf, int offset, int length) {
        this.buf = buf;
        this.end = offset + length;
        this.cursor = offset;
        this.packetCount = 0;
        this.valid = false;
        RtcpDropReason reason = validate(offset);
        if (reason == RtcpDropReason.NONE) {
            valid = true;
        } else {
            packetCount = 0;
        }
        return reason;
    }

    private RtcpDropReason validate(int start) {
        if (end - start < RtcpHeader.SIZE) {
            return RtcpDropReason.TRUNCATED;
        }
        boolean allFeedback = true;
        int firstType = -1;
        int pos = start;
        while (pos < end) {
            RtcpDropReason reason = header.wrap(buf, pos, end - pos);
            if (reason != RtcpDropReason.NONE) {
                // A stub of fewer than 4 bytes after whole packets means the lengths do not add up.
                return reason == RtcpDropReason.TRUNCATED && pos > start && end - pos < RtcpHeader.SIZE
                        ? RtcpDropReason.BAD_LENGTH : reason;
            }
            if (header.padding() && pos + header.length() != end) {
                return RtcpDropReason.BAD_PADDING;
            }
            int type = header.packetType();
            if (firstType < 0) {
                firstType = type;
            }
            allFeedback &= type == RtcpHeader.PT_RTPFB || type == RtcpHeader.PT_PSFB;
            pos += header.length();
            packetCount++;
        }
        boolean report = firstType == RtcpHeader.PT_SR || firstType == RtcpHeader.PT_RR;
        return report || allFeedback ? RtcpDropReason.NONE : RtcpDropReason.BAD_FIRST_PACKET;
    }

    /** Moves {@link #header()} to the next packet; false at the end or when the last wrap failed. */
    public boolean next() {
        if (!valid || cursor >= end) {
            return false;
        }
        header.wrap(buf, cursor, end - cursor);
        cursor += header.length();
        return true;
    }

    /** The current packet, valid after {@link #next()} returned true. */
    public RtcpHeader header() {
        return header;
    }

    /** Number of packets in the datagram after a successful wrap, else 0. */
    public int packetCount() {
        return packetCount;
    }
}
