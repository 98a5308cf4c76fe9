package io.hivemind.relay.media.rtcp;

/**
 * Flyweight view of a Sender Report (RFC 3550 §6.4.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    RC   |   PT=SR=200   |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         SSRC of sender                        |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |              NTP timestamp, most significant word             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             NTP timestamp, least significant word             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         RTP timestamp                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     sender's packet count                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      sender's octet count                     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 report blocks (RC x 24 bytes)                 |
 * </pre>
 */
public final class SenderReportView extends ReportPacketView {
    /** Header, sender SSRC and sender info: where the report blocks start. */
    public static final int FIXED_LENGTH = 28;

    private static final int OFFSET_NTP = 8;
    private static final int OFFSET_RTP_TIMESTAMP = 16;
    private static final int OFFSET_PACKET_COUNT = 20;
    private static final int OFFSET_OCTET_COUNT = 24;

    public SenderReportView() {
        super(RtcpHeader.PT_SR, FIXED_LENGTH);
    }

    /** The 64-bit NTP timestamp (see {@link NtpTime}). */
    public long ntpTimestamp() {
        return buf.getLong(offset + OFFSET_NTP);
    }

    public long rtpTimestamp() {
        return buf.getUnsignedInt(offset + OFFSET_RTP_TIMESTAMP);
    }

    public long packetCount() {
        return buf.getUnsignedInt(offset + OFFSET_PACKET_COUNT);
    }

    public long octetCount() {
        return buf.getUnsignedInt(offset + OFFSET_OCTET_COUNT);
    }
}
