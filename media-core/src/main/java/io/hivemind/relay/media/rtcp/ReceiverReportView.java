package io.hivemind.relay.media.rtcp;

/**
 * Flyweight view of a Receiver Report (RFC 3550 §6.4.2).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    RC   |   PT=RR=201   |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     SSRC of packet sender                     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 report blocks (RC x 24 bytes)                 |
 * </pre>
 */
public final class ReceiverReportView extends ReportPacketView {
    /** Header and reporter SSRC: where the report blocks start. */
    public static final int FIXED_LENGTH = 8;

    public ReceiverReportView() {
        super(RtcpHeader.PT_RR, FIXED_LENGTH);
    }
}
