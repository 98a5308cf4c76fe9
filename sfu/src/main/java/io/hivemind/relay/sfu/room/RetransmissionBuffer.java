package io.hivemind.relay.sfu.room;

import io.hivemind.relay.media.rtp.SerialNumberUnwrapper;
import io.hivemind.relay.media.rtp.SequenceNumbers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The last {@code slots} packets of one producer, kept for Generic NACK (RFC 4585 §6.2.1): a ring indexed by the
 * extended sequence number holding copies of the original packets. A slot's buffer is reused when the next packet
 * fits it, so steady state allocates nothing; memory is bounded by the slot count; everything is released on
 * {@link #clear()}.
 */
final class RetransmissionBuffer {
    private final ByteBuf[] packets;
    private final long[] sequences;
    private final int mask;
    private final SerialNumberUnwrapper unwrapper = new SerialNumberUnwrapper(16);
    private long highest = -1;

    RetransmissionBuffer(int slots) {
        this.packets = new ByteBuf[slots];
        this.sequences = new long[slots];
        this.mask = slots - 1;
    }

    /** Copies the readable bytes of {@code packet} (sequence number {@code seq}); borrows it. */
    void store(ByteBufAllocator alloc, int seq, ByteBuf packet) {
        long extended = unwrapper.unwrap(seq);
        if (extended < 0 || highest >= 0 && highest - extended > mask) {
            return;
        }
        highest = Math.max(highest, extended);
        int slot = (int) (extended & mask);
        int length = packet.readableBytes();
        ByteBuf copy = packets[slot];
        if (copy == null || copy.capacity() < length) {
            if (copy != null) {
                copy.release();
            }
            copy = alloc.heapBuffer(length);
            packets[slot] = copy;
        }
        copy.clear().writeBytes(packet, packet.readerIndex(), length);
        sequences[slot] = extended;
    }

    /** The stored packet with this sequence number, borrowed (valid until the next store), or null. */
    ByteBuf get(int seq) {
        if (highest < 0) {
            return null;
        }
        long extended = highest + SequenceNumbers.difference(seq, (int) (highest & 0xFFFF));
        if (extended > highest || extended < 0 || highest - extended > mask) {
            return null;
        }
        int slot = (int) (extended & mask);
        return packets[slot] != null && sequences[slot] == extended ? packets[slot] : null;
    }

    /** Releases every stored packet and forgets the sequence line (close, or a new source SSRC). */
    void clear() {
        for (int i = 0; i < packets.length; i++) {
            if (packets[i] != null) {
                packets[i].release();
                packets[i] = null;
            }
        }
        unwrapper.reset();
        highest = -1;
    }
}
