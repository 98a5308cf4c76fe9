package io.hivemind.relay.sfu.transport;

import io.netty.buffer.ByteBuf;

/**
 * What a datagram on a WebRTC media port carries, told apart by its first byte (RFC 7983 §7) and, for RTP versus
 * RTCP, by its second (RFC 5761 §4: RTCP packet types 192..223 would be RTP payload types 64..95 with the marker
 * set, which WebRTC never negotiates).
 *
 * <pre>
 *   0..3     STUN          16..19   ZRTP (not used: dropped)
 *   20..63   DTLS          64..79   TURN channel (not used: dropped)
 *   128..191 RTP / RTCP    other    dropped
 * </pre>
 */
public enum PacketKind {
    STUN,
    DTLS,
    RTP,
    RTCP;

    private static final int STUN_LAST = 3;
    private static final int DTLS_FIRST = 20;
    private static final int DTLS_LAST = 63;
    private static final int RTP_FIRST = 128;
    private static final int RTP_LAST = 191;
    private static final int RTCP_TYPE_FIRST = 192;
    private static final int RTCP_TYPE_LAST = 223;

    /**
     * The kind of the readable bytes of {@code datagram}, or null when the first byte belongs to no protocol we
     * accept (or an RTP/RTCP datagram is shorter than 2 bytes). Borrows {@code datagram}; reads at most 2 bytes.
     */
    public static PacketKind classify(ByteBuf datagram) {
        int readable = datagram.readableBytes();
        if (readable == 0) {
            return null;
        }
        int index = datagram.readerIndex();
        int first = datagram.getUnsignedByte(index);
        if (first <= STUN_LAST) {
            return STUN;
        }
        if (first >= DTLS_FIRST && first <= DTLS_LAST) {
            return DTLS;
        }
        if (first >= RTP_FIRST && first <= RTP_LAST && readable >= 2) {
            int second = datagram.getUnsignedByte(index + 1);
            return second >= RTCP_TYPE_FIRST && second <= RTCP_TYPE_LAST ? RTCP : RTP;
        }
        return null;
    }
}
