package io.hivemind.relay.media.jitter;

import java.io.ByteArrayOutputStream;

/**
 * Writes the byte format {@link JitterBufferFuzzTest} reads: a list of 12-byte events. Insert event: kind (even),
 * sequence number (u16), RTP timestamp (u32), duration (s16), payload length (u16), time advance in ms (u8). A poll
 * event has an odd kind and uses only the time advance.
 */
final class EventScript {
    static final int EVENT_BYTES = 12;
    static final int SEQUENCE = 1;
    static final int TIMESTAMP = 3;
    static final int DURATION = 7;
    static final int LENGTH = 9;
    static final int ADVANCE = 11;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    EventScript insert(int sequenceNumber, long timestamp, int duration, int length, int advanceMs) {
        bytes.write(0);
        bytes.write(sequenceNumber >>> 8);
        bytes.write(sequenceNumber);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes.write((int) (timestamp >>> shift));
        }
        bytes.write(duration >>> 8);
        bytes.write(duration);
        bytes.write(length >>> 8);
        bytes.write(length);
        bytes.write(advanceMs);
        return this;
    }

    EventScript poll(int advanceMs) {
        bytes.write(1);
        bytes.writeBytes(new byte[EVENT_BYTES - 2]);
        bytes.write(advanceMs);
        return this;
    }

    /** A 20 ms stream of {@code packets} packets polled every 20 ms, dropping every {@code lossEvery}-th. */
    static EventScript stream(int firstSeq, long firstTs, int packets, int lossEvery) {
        EventScript script = new EventScript();
        for (int k = 0; k < packets; k++) {
            if (lossEvery == 0 || k % lossEvery != lossEvery - 1) {
                script.insert(firstSeq + k & 0xFFFF, firstTs + 960L * k & 0xFFFF_FFFFL, 960, 40 + k % 60, 0);
            }
            script.poll(20);
        }
        return script;
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
