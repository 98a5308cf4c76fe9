package io.hivemind.relay.media.rtp;

/**
 * Turns 16-bit RTP sequence numbers into a 64-bit extended sequence that keeps counting across wraps.
 *
 * <p>The first number unwraps to itself; each later one is placed at its {@link SequenceNumbers#difference} from the
 * previous one, so reordering across a wrap (65534, 1, 65535, 2) comes out right (65534, 65537, 65535, 65538). A jump
 * of more than 2^15 cannot be told from a step back and is taken as the nearer of the two, so a stream that runs
 * backwards before its first packet may give values below zero. Not thread-safe; one per stream.
 */
public final class SequenceNumberUnwrapper {
    private boolean started;
    private long last;

    /** The extended sequence number of {@code sequenceNumber} (its low 16 bits are used). */
    public long unwrap(int sequenceNumber) {
        if (started) {
            last += SequenceNumbers.difference(sequenceNumber, (int) last);
        } else {
            last = sequenceNumber & (SequenceNumbers.MODULUS - 1);
            started = true;
        }
        return last;
    }

    /** Forgets the stream, so the next number unwraps to itself. */
    public void reset() {
        started = false;
        last = 0;
    }
}
