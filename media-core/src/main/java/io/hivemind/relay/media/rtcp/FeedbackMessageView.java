package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * The common part of RTCP feedback messages (RFC 4585 §6.1): header with FMT in the count field, sender SSRC,
 * media source SSRC, then the feedback control information (FCI) that each subclass interprets.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|   FMT   |       PT      |          length               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :            Feedback Control Information (FCI)                 :
 * </pre>
 */
public abstract sealed class FeedbackMessageView permits GenericNackView, TransportCcFeedbackView,
        PictureLossIndicationView, FullIntraRequestView, RembView {
    /** Header plus the two SSRCs: where the FCI starts. */
    public static final int FCI_OFFSET = 12;

    /** Generic NACK, RTPFB, RFC 4585 §6.2.1. */
    public static final int FMT_GENERIC_NACK = 1;
    /** Transport-wide congestion control feedback, RTPFB, draft-holmer-rmcat-transport-wide-cc-extensions-01. */
    public static final int FMT_TRANSPORT_CC = 15;
    /** Picture loss indication, PSFB, RFC 4585 §6.3.1. */
    public static final int FMT_PLI = 1;
    /** Full intra request, PSFB, RFC 5104 §4.3.1. */
    public static final int FMT_FIR = 4;
    /** Application layer feedback (REMB and others), PSFB, RFC 4585 §6.4. */
    public static final int FMT_AFB = 15;

    private static final int OFFSET_SENDER_SSRC = 4;
    private static final int OFFSET_MEDIA_SSRC = 8;

    private final int packetType;
    private final int format;
    ByteBuf buf;
    int offset;
    int fciLength;

    FeedbackMessageView(int packetType, int format) {
        this.packetType = packetType;
        this.format = format;
    }

    /** Points the view at {@code header}'s packet and checks its FCI. */
    public final RtcpDropReason wrap(RtcpHeader header) {
        buf = null;
        fciLength = 0;
        if (header.packetType() != packetType || header.count() != format) {
            return RtcpDropReason.WRONG_TYPE;
        }
        int fci = header.contentLength() - FCI_OFFSET;
        if (fci < 0) {
            return RtcpDropReason.MALFORMED;
        }
        RtcpDropReason reason = checkFci(header.buffer(), header.offset() + FCI_OFFSET, fci);
        if (reason == RtcpDropReason.NONE) {
            buf = header.buffer();
            offset = header.offset();
            fciLength = fci;
        }
        return reason;
    }

    /** Checks the FCI of {@code length} bytes at {@code fciStart}; may cache what it learns about the layout. */
    abstract RtcpDropReason checkFci(ByteBuf b, int fciStart, int length);

    public final long senderSsrc() {
        return buf.getUnsignedInt(offset + OFFSET_SENDER_SSRC);
    }

    public final long mediaSsrc() {
        return buf.getUnsignedInt(offset + OFFSET_MEDIA_SSRC);
    }

    /** Length of the FCI in bytes. */
    public final int fciLength() {
        return fciLength;
    }

    final int fciStart() {
        return offset + FCI_OFFSET;
    }
}
