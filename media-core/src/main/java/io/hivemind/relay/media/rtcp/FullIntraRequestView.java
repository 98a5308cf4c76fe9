package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight view of a Full Intra Request (RFC 5104 §4.3.1): PSFB with FMT=4 and one or more 8-byte FCI entries.
 * The media source SSRC of the common header is unused (set to 0); the target is in each entry.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              SSRC                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Seq nr.       |    Reserved                                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class FullIntraRequestView extends FeedbackMessageView {
    public static final int ENTRY_LENGTH = 8;

    private static final int OFFSET_SEQ_NR = 4;

    public FullIntraRequestView() {
        super(RtcpHeader.PT_PSFB, FMT_FIR);
    }

    @Override
    RtcpDropReason checkFci(ByteBuf b, int fciStart, int length) {
        return length >= ENTRY_LENGTH && length % ENTRY_LENGTH == 0 ? RtcpDropReason.NONE : RtcpDropReason.MALFORMED;
    }

    public int entryCount() {
        return fciLength / ENTRY_LENGTH;
    }

    /** SSRC of the media sender that is asked for a decoder refresh point. */
    public long ssrc(int index) {
        return buf.getUnsignedInt(entry(index));
    }

    /** Command sequence number (0..255), incremented by the requester for each new request. */
    public int sequenceNumber(int index) {
        return buf.getUnsignedByte(entry(index) + OFFSET_SEQ_NR);
    }

    private int entry(int index) {
        if (index < 0 || index >= entryCount()) {
            throw new IndexOutOfBoundsException(index);
        }
        return fciStart() + index * ENTRY_LENGTH;
    }
}
