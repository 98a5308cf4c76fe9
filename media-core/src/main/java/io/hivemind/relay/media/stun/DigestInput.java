package io.hivemind.relay.media.stun;

import io.netty.buffer.ByteBuf;

/**
 * Something a region of a message is hashed into (HMAC, CRC-32). Heap buffers are fed straight from their backing
 * array; other buffers go through a caller-owned scratch array in bounded chunks, because the digests only take
 * arrays and {@code ByteBuf.nioBuffer()} would allocate.
 */
@FunctionalInterface
interface DigestInput {

    void update(byte[] bytes, int offset, int length);

    /** Feeds {@code length} bytes of {@code buf} from absolute {@code index}; borrows {@code buf}. */
    default void update(ByteBuf buf, int index, int length, byte[] scratch) {
        if (buf.hasArray()) {
            update(buf.array(), buf.arrayOffset() + index, length);
            return;
        }
        int at = index;
        int left = length;
        while (left > 0) {
            int n = Math.min(left, scratch.length);
            buf.getBytes(at, scratch, 0, n);
            update(scratch, 0, n);
            at += n;
            left -= n;
        }
    }
}
