package io.hivemind.relay.media.srtp;

/**
 * SSRC to {@link SrtpStream}, open addressing with linear probing over a power-of-two array at most half full. All
 * stream objects are made up front, so a new SSRC costs no allocation, and the count is bounded: past
 * {@code maxStreams} the context drops with {@link SrtpStatus#STREAM_LIMIT}.
 */
final class SrtpStreamTable {

    private final int[] keys;
    private final SrtpStream[] slots;
    private final SrtpStream[] pool;
    private final int mask;
    private int size;

    SrtpStreamTable(int maxStreams) {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be positive: " + maxStreams);
        }
        int capacity = Integer.highestOneBit(maxStreams * 2 - 1) << 1;
        keys = new int[capacity];
        slots = new SrtpStream[capacity];
        mask = capacity - 1;
        pool = new SrtpStream[maxStreams];
        for (int i = 0; i < maxStreams; i++) {
            pool[i] = new SrtpStream();
        }
    }

    /** The stream of an SSRC, or {@code null}. */
    SrtpStream find(int ssrc) {
        for (int i = slot(ssrc); slots[i] != null; i = (i + 1) & mask) {
            if (keys[i] == ssrc) {
                return slots[i];
            }
        }
        return null;
    }

    /**
     * A fresh, not yet registered stream for {@code ssrc}, or {@code null} when the table is full. The receive path
     * fills it in only after authentication, then {@link #add}s it; until then a forged SSRC takes no slot.
     */
    SrtpStream vacant(int ssrc) {
        if (size == pool.length) {
            return null;
        }
        SrtpStream stream = pool[size];
        stream.reset(ssrc);
        return stream;
    }

    /** Registers the stream {@link #vacant} returned. */
    void add(SrtpStream stream) {
        int i = slot(stream.ssrc);
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = stream.ssrc;
        slots[i] = stream;
        size++;
    }

    int size() {
        return size;
    }

    private int slot(int ssrc) {
        return (ssrc * 0x9E3779B9 >>> 16 ^ ssrc) & mask;
    }
}
