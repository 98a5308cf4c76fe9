package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight view of a Picture Loss Indication (RFC 4585 §6.3.1): PSFB with FMT=1 and no FCI, so its length field
 * is always 2.
 */
public final class PictureLossIndicationView extends FeedbackMessageView {

    public PictureLossIndicationView() {
        super(RtcpHeader.PT_PSFB, FMT_PLI);
    }

    @Override
    RtcpDropReason checkFci(ByteBuf b, int fciStart, int length) {
        return length == 0 ? RtcpDropReason.NONE : RtcpDropReason.MALFORMED;
    }
}
