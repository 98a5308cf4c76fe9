package io.hivemind.relay.sfu.room;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The SSRCs in use in one room, and random new ones that collide with none of them (RFC 3550 §8.1: SSRCs are
 * random; the room avoids collisions instead of resolving them). Also draws random identifiers and initial
 * sequence numbers and timestamps (RFC 3550 §5.1: both start random). Room-loop only.
 */
final class SsrcAllocator {
    private final Set<Integer> used = new HashSet<>();
    private final SplittableRandom random;

    SsrcAllocator(SplittableRandom random) {
        this.random = random;
    }

    /** A fresh non-zero SSRC, now in use. */
    int allocate() {
        while (true) {
            int ssrc = random.nextInt();
            if (ssrc != 0 && used.add(ssrc)) {
                return ssrc;
            }
        }
    }

    /** Claims a publisher's SSRC; false when it is taken. */
    boolean claim(int ssrc) {
        return used.add(ssrc);
    }

    void release(int ssrc) {
        used.remove(ssrc);
    }

    int nextInt() {
        return random.nextInt();
    }

    /** An identifier like LiveKit's: a prefix and 12 base-36 characters. */
    String id(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 12; i++) {
            id.append(Character.forDigit(random.nextInt(36), 36));
        }
        return id.toString();
    }
}
