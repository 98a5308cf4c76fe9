package io.hivemind.relay.media.rtp;

/**
 * Reception statistics of one RTP source, as RFC 3550 Appendix A computes them for reception report blocks:
 * sequence validation with probation (A.1), extended highest sequence number, cumulative and fractional loss
 * (A.3), and interarrival jitter in its integer form (A.8).
 *
 * <p>Arrival times come from the caller in nanoseconds of a monotonic clock and are converted to timestamp units with
 * the clock rate; nothing here reads a clock. Allocation-free; not thread-safe, one per source.
 */
public final class ReceptionStatistics {
    /** A.1: a gap of this many or more ahead is a jump, not loss. */
    static final int MAX_DROPOUT = 3000;
    /** A.1: up to this many behind is reordering or duplication. */
    static final int MAX_MISORDER = 100;
    /** A.1: sequential packets needed before a new source is valid. */
    static final int MIN_SEQUENTIAL = 2;
    private static final int SEQ_MOD = SequenceNumbers.MODULUS;
    private static final int SEQ_MASK = SEQ_MOD - 1;
    private static final int MAX_CUMULATIVE_LOST = 0x7FFFFF;
    private static final int MIN_CUMULATIVE_LOST = -0x800000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int JITTER_SHIFT = 4;

    private final int clockRate;
    private boolean heard;
    private int probation;
    private int maxSeq;
    private int baseSeq;
    private int badSeq;
    private long cycles;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private boolean transitKnown;
    private int transit;
    /** The jitter scaled by 16, as A.8's integer form keeps it. */
    private long jitterScaled;

    /** Statistics for a source whose RTP timestamps run at {@code clockRate} Hz. */
    public ReceptionStatistics(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate " + clockRate + " is not positive");
        }
        this.clockRate = clockRate;
    }

    /**
     * Accounts for a packet that arrived at {@code arrivalNanos}.
     *
     * @return true if the packet counts as received (A.1 update_seq returned 1); false while the source is on
     *     probation or when the sequence number jumped too far to be believed yet
     */
    public boolean onPacket(int sequenceNumber, int rtpTimestamp, long arrivalNanos) {
        int seq = sequenceNumber & SEQ_MASK;
        if (!heard) {
            heard = true;
            initSequence(seq);
            maxSeq = (seq - 1) & SEQ_MASK;
            probation = MIN_SEQUENTIAL;
        }
        if (!updateSequence(seq)) {
            return false;
        }
        updateJitter(rtpTimestamp, toTimestampUnits(arrivalNanos));
        return true;
    }

    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
        transitKnown = false;
    }

    private boolean updateSequence(int seq) {
        int udelta = (seq - maxSeq) & SEQ_MASK;
        if (probation > 0) {
            // A.1 writes "seq == max_seq + 1" on u_int16 values; the successor must wrap from 65535 to 0.
            if (seq == ((maxSeq + 1) & SEQ_MASK)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSequence(seq);
                    received++;
                    return true;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return false;
        } else if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (udelta <= SEQ_MOD - MAX_MISORDER) {
            if (seq != badSeq) {
                badSeq = (seq + 1) & SEQ_MASK;
                return false;
            }
            // Two sequential packets after a jump: the sender restarted, so start over from here.
            initSequence(seq);
        }
        // Otherwise a duplicate or reordered packet: counted, as A.1 does, which can make the loss negative.
        received++;
        return true;
    }

    private void updateJitter(int rtpTimestamp, int arrival) {
        int newTransit = arrival - rtpTimestamp;
        if (transitKnown) {
            long d = Math.abs((long) (newTransit - transit));
            jitterScaled += d - ((jitterScaled + 8) >> JITTER_SHIFT);
        }
        transit = newTransit;
        transitKnown = true;
    }

    /** The arrival time in timestamp units, modulo 2^32 like the RTP timestamp it is compared with. */
    private int toTimestampUnits(long nanos) {
        long seconds = Math.floorDiv(nanos, NANOS_PER_SECOND);
        long rest = Math.floorMod(nanos, NANOS_PER_SECOND);
        return (int) (seconds * clockRate + rest * clockRate / NANOS_PER_SECOND);
    }

    /** Whether the source has passed probation (A.1). */
    public boolean isValid() {
        return heard && probation == 0;
    }

    /** The packets counted as received since the last (re)initialisation, duplicates included. */
    public long received() {
        return received;
    }

    /** A.3: the cycle count shifted left 16 bits plus the highest sequence number received. */
    public long extendedHighestSequenceNumber() {
        return cycles + maxSeq;
    }

    /** A.3: packets expected, from the base to the extended highest sequence number. */
    public long expected() {
        return extendedHighestSequenceNumber() - baseSeq + 1;
    }

    /** A.3: expected minus received, clamped to the 24-bit signed field of a report block. */
    public int cumulativeLost() {
        long lost = expected() - received;
        return (int) Math.max(MIN_CUMULATIVE_LOST, Math.min(MAX_CUMULATIVE_LOST, lost));
    }

    /**
     * A.3: the fraction of packets lost since the previous call, as the 8-bit fixed-point "fraction lost"; 0 when
     * none were expected or more arrived than expected. Starts a new interval, so call it once per report.
     */
    public int fractionLostSinceLastReport() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        expectedPrior = expected;
        long receivedInterval = received - receivedPrior;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) ((lostInterval << 8) / expectedInterval);
    }

    /** A.8: the interarrival jitter in timestamp units, as a report block carries it. */
    public long jitter() {
        return jitterScaled >> JITTER_SHIFT;
    }
}
