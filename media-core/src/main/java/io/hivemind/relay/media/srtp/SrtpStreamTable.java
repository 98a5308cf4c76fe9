package io.hivemind.relay.media.srtp;

/**
 * SSRC to {@link SrtpStream}, open addressing with linear probing over a power-of-two array at most half full. All
 * stream objects are made up front, so a new SSRC costs no allocation, and the count is bounded: past
 * {@code maxStreams} the context drops with {@link SrtpStatus#STREAM_LIMIT}. The streams in use are always
 * {@code pool[0..size)}; removal swaps the freed one to the end and closes the probe gap by backward shifting.
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
            pool[i].poolIndex = i;
        }
    }

    /**
     * The stream of an SSRC; for an unknown SSRC a fresh stream that is not registered yet, or {@code null} when the
     * table is full. The receive path fills a fresh stream in only after authentication and then {@link #keep}s it,
     * so a forged SSRC takes no slot.
     */
    SrtpStream lookup(int ssrc) {
        for (int i = slot(ssrc); slots[i] != null; i = (i + 1) & mask) {
            if (keys[i] == ssrc) {
                return slots[i];
            }
        }
        if (size == pool.length) {
            return null;
        }
        SrtpStream stream = pool[size];
        stream.reset(ssrc);
        return stream;
    }

    /** Registers a stream {@link #lookup} handed out fresh; no-op for a registered one. */
    void keep(SrtpStream stream) {
        if (stream.registered) {
            return;
        }
        int i = slot(stream.ssrc);
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = stream.ssrc;
        slots[i] = stream;
        stream.registered = true;
        size++;
    }

    /** Forgets an SSRC's stream and frees its slot; false when the SSRC is unknown. */
    boolean remove(int ssrc) {
        int i = slot(ssrc);
        while (slots[i] != null && keys[i] != ssrc) {
            i = (i + 1) & mask;
        }
        SrtpStream removed = slots[i];
        if (removed == null) {
            return false;
        }
        int hole = i;
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            // The entry at j may fill the hole if the hole lies on its probe path, between its home slot and j.
            if (((j - slot(keys[j])) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = null;
        size--;
        SrtpStream last = pool[size];
        pool[removed.poolIndex] = last;
        last.poolIndex = removed.poolIndex;
        pool[size] = removed;
        removed.poolIndex = size;
        removed.registered = false;
        return true;
    }

    int size() {
        return size;
    }

    private int slot(int ssrc) {
        return (ssrc * 0x9E3779B9 >>> 16 ^ ssrc) & mask;
    }
}
