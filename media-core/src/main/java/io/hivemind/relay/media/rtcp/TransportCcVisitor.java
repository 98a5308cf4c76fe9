package io.hivemind.relay.media.rtcp;

/**
 * Receives the per-packet results of a transport-wide congestion control feedback, in sequence order, from
 * {@link TransportCcFeedbackView#forEachPacket}. Status values are the packet status symbols of
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.1.
 */
@FunctionalInterface
public interface TransportCcVisitor {
    /** "Packet not received": no receive delta. */
    int NOT_RECEIVED = 0;
    /** "Packet received, small delta": one unsigned byte of delta in 250 µs units. */
    int RECEIVED_SMALL_DELTA = 1;
    /** "Packet received, large or negative delta": a signed 16-bit delta in 250 µs units. */
    int RECEIVED_LARGE_DELTA = 2;
    /**
     * Symbol 11, reserved in §3.1.1 but described as "packet received, w/o recv delta" by the §3.1.3 run length
     * example; it carries no delta.
     */
    int RECEIVED_WITHOUT_DELTA = 3;

    /**
     * One reported packet.
     *
     * @param sequenceNumber transport-wide sequence number (16 bits, wraps)
     * @param status         one of the constants above
     * @param deltaMicros    arrival time minus the previous received packet's (or the reference time for the
     *                       first), in microseconds; 0 when the status carries no delta
     */
    void onPacket(int sequenceNumber, int status, long deltaMicros);
}
