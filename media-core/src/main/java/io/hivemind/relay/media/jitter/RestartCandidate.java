package io.hivemind.relay.media.jitter;

/**
 * The one packet a {@link JitterBuffer} holds aside when it looks like the first of a restarted stream, with its
 * own payload slot so holding it allocates nothing. A restart is confirmed when the next packet continues from it.
 */
final class RestartCandidate {
    private static final int CONFIRM_SEQUENCE_DISTANCE = 16;

    final byte[] payload;
    boolean held;
    int sequenceNumber;
    long timestamp;
    int duration;
    int length;
    long arrivalNanos;

    RestartCandidate(int maxPayloadBytes) {
        this.payload = new byte[maxPayloadBytes];
    }

    void hold(int sequenceNumber, long timestamp, int duration, byte[] src, int offset, int length,
              long arrivalNanos) {
        System.arraycopy(src, offset, payload, 0, length);
        this.held = true;
        this.sequenceNumber = sequenceNumber & 0xFFFF;
        this.timestamp = timestamp & 0xFFFF_FFFFL;
        this.duration = duration;
        this.length = length;
        this.arrivalNanos = arrivalNanos;
    }

    /** Whether a packet is a close neighbour of the held one: within 16 sequence numbers and one second. */
    boolean continuedBy(int otherSequenceNumber, long otherTimestamp, int clockRate) {
        int seqDistance = (short) (otherSequenceNumber - sequenceNumber);
        int tsDistance = (int) (otherTimestamp - timestamp);
        return seqDistance != 0 && Math.abs(seqDistance) <= CONFIRM_SEQUENCE_DISTANCE
                && Math.abs((long) tsDistance) <= clockRate;
    }
}
