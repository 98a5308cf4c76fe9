package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One Generic NACK FCI entry (RFC 4585 §6.2.1): a lost packet ID (PID) and a bitmask of the 16 following packets
 * (BLP), bit i (least significant first) meaning PID + i + 1 is lost too. Sequence numbers wrap at 2^16.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            PID                |             BLP               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record NackItem(int packetId, int bitmask) {
    public static final int LENGTH = 4;
    /** One PID plus 16 BLP bits. */
    public static final int MAX_LOST_PER_ITEM = 17;

    private static final int SEQ_MOD = 1 << 16;
    private static final int BLP_BITS = 16;

    public NackItem {
        if ((packetId & ~0xFFFF) != 0 || (bitmask & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("PID and BLP are 16-bit: " + packetId + ", " + bitmask);
        }
    }

    /** How many sequence numbers this entry reports lost. */
    public int lostCount() {
        return 1 + Integer.bitCount(bitmask);
    }

    /** Writes the lost sequence numbers into {@code out} from {@code offset}; see {@link #expand}. */
    public int lostSequences(int[] out, int offset) {
        return expand(packetId, bitmask, out, offset);
    }

    /**
     * Writes PID and then every PID + i + 1 whose BLP bit i is set, modulo 2^16, into {@code out} from
     * {@code offset}, stopping when {@code out} is full. Returns how many were written.
     */
    public static int expand(int packetId, int bitmask, int[] out, int offset) {
        int n = offset;
        if (n < out.length) {
            out[n++] = packetId;
        }
        for (int bit = 0; bit < BLP_BITS && n < out.length; bit++) {
            if ((bitmask & 1 << bit) != 0) {
                out[n++] = (packetId + bit + 1) & 0xFFFF;
            }
        }
        return n - offset;
    }

    /**
     * The fewest entries that report exactly the given lost sequence numbers (duplicates ignored). The numbers are
     * taken in RTP order across the 16-bit wrap: the order starts after the widest gap between them, so
     * {65534, 65535, 0, 1} is one entry with PID 65534. Allocates; meant for building a NACK, not for parsing.
     */
    public static List<NackItem> cover(int... lostSequences) {
        int[] seqs = new int[lostSequences.length];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = lostSequences[i] & 0xFFFF;
        }
        Arrays.sort(seqs);
        int n = 0;
        for (int i = 0; i < seqs.length; i++) {
            if (n == 0 || seqs[n - 1] != seqs[i]) {
                seqs[n++] = seqs[i];
            }
        }
        List<NackItem> items = new ArrayList<>();
        if (n == 0) {
            return items;
        }
        int start = 0;
        int widestGap = -1;
        for (int i = 0; i < n; i++) {
            int gap = n == 1 ? SEQ_MOD : (seqs[(i + 1) % n] - seqs[i] + SEQ_MOD) % SEQ_MOD;
            if (gap > widestGap) {
                widestGap = gap;
                start = (i + 1) % n;
            }
        }
        int k = 0;
        while (k < n) {
            int pid = seqs[(start + k) % n];
            int blp = 0;
            k++;
            while (k < n) {
                int distance = (seqs[(start + k) % n] - pid) & 0xFFFF;
                if (distance > BLP_BITS) {
                    break;
                }
                blp |= 1 << (distance - 1);
                k++;
            }
            items.add(new NackItem(pid, blp));
        }
        return items;
    }

    void encodeTo(ByteBuf out) {
        out.writeShort(packetId);
        out.writeShort(bitmask);
    }
}
