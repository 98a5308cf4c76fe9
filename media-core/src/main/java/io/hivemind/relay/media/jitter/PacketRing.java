package io.hivemind.relay.media.jitter;

import java.util.Arrays;

/**
 * Preallocated packet slots indexed by extended sequence number modulo the capacity (the packet buffer). A slot is
 * empty, queued (waiting for playout) or done (played or dropped; its sequence number is remembered so a late copy
 * is recognised as a duplicate until the slot is reused). The caller keeps every queued sequence number inside one
 * window of {@code capacity} numbers, so a queued slot is never overwritten.
 */
final class PacketRing {
    private static final byte EMPTY = 0;
    private static final byte QUEUED = 1;
    private static final byte DONE = 2;

    private final int mask;
    private final byte[] state;
    private final long[] sequence;
    private final long[] timestamp;
    private final int[] duration;
    private final int[] length;
    private final byte[][] payload;
    private int queued;

    PacketRing(int capacity, int maxPayloadBytes) {
        this.mask = capacity - 1;
        this.state = new byte[capacity];
        this.sequence = new long[capacity];
        this.timestamp = new long[capacity];
        this.duration = new int[capacity];
        this.length = new int[capacity];
        this.payload = new byte[capacity][maxPayloadBytes];
    }

    int capacity() {
        return mask + 1;
    }

    int queued() {
        return queued;
    }

    /** Whether {@code seq} is buffered or was played or dropped recently. */
    boolean seen(long seq) {
        return slotOf(seq) >= 0;
    }

    /** The slot that holds or held {@code seq} (queued or done), or -1. */
    int slotOf(long seq) {
        int i = (int) seq & mask;
        return state[i] != EMPTY && sequence[i] == seq ? i : -1;
    }

    /** The slot holding queued packet {@code seq}, or -1. */
    int find(long seq) {
        int i = (int) seq & mask;
        return state[i] == QUEUED && sequence[i] == seq ? i : -1;
    }

    /** The slot of the lowest queued sequence number in {@code [from, to]}, or -1; scans at most one capacity. */
    int first(long from, long to) {
        if (queued == 0) {
            return -1;
        }
        long end = Math.min(to, from + mask);
        for (long seq = from; seq <= end; seq++) {
            int i = find(seq);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    void put(long seq, long ts, int samples, byte[] src, int offset, int len) {
        int i = (int) seq & mask;
        assert state[i] != QUEUED : "slot " + i + " still holds " + sequence[i] + ", wanted for " + seq;
        System.arraycopy(src, offset, payload[i], 0, len);
        state[i] = QUEUED;
        sequence[i] = seq;
        timestamp[i] = ts;
        duration[i] = samples;
        length[i] = len;
        queued++;
    }

    /** Marks a queued slot played or dropped. */
    void release(int slot) {
        assert state[slot] == QUEUED;
        state[slot] = DONE;
        queued--;
    }

    /** Drops every queued packet with a sequence number below {@code seq}; returns how many. */
    int releaseBelow(long seq) {
        int dropped = 0;
        for (int i = 0; i <= mask && queued > 0; i++) {
            if (state[i] == QUEUED && sequence[i] < seq) {
                release(i);
                dropped++;
            }
        }
        return dropped;
    }

    /** Drops every queued packet whose timestamp is below {@code ts}; returns how many. */
    int releaseBefore(long ts) {
        int dropped = 0;
        for (int i = 0; i <= mask && queued > 0; i++) {
            if (state[i] == QUEUED && timestamp[i] < ts) {
                release(i);
                dropped++;
            }
        }
        return dropped;
    }

    /** Forgets everything (stream restart); returns how many queued packets were dropped. */
    int clear() {
        int dropped = queued;
        Arrays.fill(state, EMPTY);
        queued = 0;
        return dropped;
    }

    long sequence(int slot) {
        return sequence[slot];
    }

    long timestamp(int slot) {
        return timestamp[slot];
    }

    int duration(int slot) {
        return duration[slot];
    }

    int length(int slot) {
        return length[slot];
    }

    byte[] payload(int slot) {
        return payload[slot];
    }
}
