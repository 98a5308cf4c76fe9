package io.hivemind.relay.sfu.room;

/**
 * Packet counters of one room, or a sum of several; written and read on the room's loop only (read through
 * {@link Room#run}).
 */
public final class RoomCounters {
    private final long[] drops = new long[RoomDropReason.values().length];
    long rtpIn;
    long rtpBytesIn;
    long rtpOut;
    long rtpBytesOut;
    long rtcpIn;
    long rtcpOut;
    long retransmitted;
    long nackMisses;

    /** Adds {@code other}'s counts to these (totals of several rooms); call where both may be read. */
    public void add(RoomCounters other) {
        for (int i = 0; i < drops.length; i++) {
            drops[i] += other.drops[i];
        }
        rtpIn += other.rtpIn;
        rtpBytesIn += other.rtpBytesIn;
        rtpOut += other.rtpOut;
        rtpBytesOut += other.rtpBytesOut;
        rtcpIn += other.rtcpIn;
        rtcpOut += other.rtcpOut;
        retransmitted += other.retransmitted;
        nackMisses += other.nackMisses;
    }

    void drop(RoomDropReason reason) {
        drops[reason.ordinal()]++;
    }

    public long drops(RoomDropReason reason) {
        return drops[reason.ordinal()];
    }

    public long rtpIn() {
        return rtpIn;
    }

    public long rtpBytesIn() {
        return rtpBytesIn;
    }

    public long rtpOut() {
        return rtpOut;
    }

    public long rtpBytesOut() {
        return rtpBytesOut;
    }

    public long rtcpIn() {
        return rtcpIn;
    }

    public long rtcpOut() {
        return rtcpOut;
    }

    /** Packets resent in answer to Generic NACK. */
    public long retransmitted() {
        return retransmitted;
    }

    /** NACKed sequence numbers no longer (or never) in the retransmission buffer. */
    public long nackMisses() {
        return nackMisses;
    }
}
