package io.hivemind.relay.hub.voice;

import io.netty.buffer.ByteBuf;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded single-producer, single-consumer ring of received RTP packets: the room's loop {@link #offer offers}
 * (copying the header fields and payload out of the borrowed buffer), the voice thread {@link #drain drains} once
 * per tick. Slots are preallocated, so neither side allocates; a full ring or an oversize payload refuses the packet
 * (the caller counts the drop) instead of blocking the loop or growing.
 *
 * <p>The producer publishes a slot with a release store of {@code tail}, the consumer frees it with a release store
 * of {@code head}; each side reads the other's index with an acquire load.
 */
final class PacketHandoff {

    /** Receives drained packets; {@code payload} is the ring's slot, valid only during the call. */
    interface Visitor {
        void packet(int ssrc, int sequenceNumber, int timestamp, long arrivalNanos, byte[] payload, int length);
    }

    private final int mask;
    private final int maxPayloadBytes;
    private final int[] ssrcs;
    private final int[] sequences;
    private final int[] timestamps;
    private final long[] arrivals;
    private final int[] lengths;
    private final byte[][] payloads;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();

    PacketHandoff(int capacity, int maxPayloadBytes) {
        if (capacity < 1 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.mask = capacity - 1;
        this.maxPayloadBytes = maxPayloadBytes;
        this.ssrcs = new int[capacity];
        this.sequences = new int[capacity];
        this.timestamps = new int[capacity];
        this.arrivals = new long[capacity];
        this.lengths = new int[capacity];
        this.payloads = new byte[capacity][maxPayloadBytes];
    }

    /**
     * Producer side: copies {@code length} payload bytes of {@code buf} from {@code index} (borrowed).
     *
     * @return false, copying nothing, when the ring is full or the payload longer than a slot
     */
    boolean offer(int ssrc, int sequenceNumber, int timestamp, long arrivalNanos, ByteBuf buf, int index,
                  int length) {
        if (length > maxPayloadBytes) {
            return false;
        }
        long t = tail.get();
        if (t - head.getAcquire() > mask) {
            return false;
        }
        int slot = (int) t & mask;
        ssrcs[slot] = ssrc;
        sequences[slot] = sequenceNumber;
        timestamps[slot] = timestamp;
        arrivals[slot] = arrivalNanos;
        lengths[slot] = length;
        buf.getBytes(index, payloads[slot], 0, length);
        tail.setRelease(t + 1);
        return true;
    }

    /** Consumer side: how many packets have been published so far; a bound for {@link #drain}. */
    long published() {
        return tail.getAcquire();
    }

    /** Consumer side: hands every packet published before {@code upTo} to {@code visitor}, oldest first. */
    int drain(long upTo, Visitor visitor) {
        long h = head.get();
        int drained = 0;
        while (h < upTo) {
            int slot = (int) h & mask;
            visitor.packet(ssrcs[slot], sequences[slot], timestamps[slot], arrivals[slot], payloads[slot],
                    lengths[slot]);
            h++;
            drained++;
        }
        head.setRelease(h);
        return drained;
    }
}
