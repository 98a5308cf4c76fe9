package io.hivemind.relay.sfu.room;

/** Packet counters of one room; written and read on the room's loop only (read through {@link Room#run}). */
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
