package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * An RTCP packet that can be written: callers size the buffer with {@link #encodedLength()} and then append with
 * {@link #encodeTo(ByteBuf)}, with no intermediate allocation. Implementations are immutable values.
 */
public sealed interface RtcpPacket permits SenderReport, ReceiverReport, SourceDescription, Bye, GenericNack,
        CompoundRtcpPacket {

    /** Bytes {@link #encodeTo} will write: a multiple of 4, header included. */
    int encodedLength();

    /** Appends the packet at {@code out}'s writer index; borrows {@code out}, which must have room or grow. */
    void encodeTo(ByteBuf out);

    /** Checks a 32-bit unsigned field (SSRC, timestamps, counters) given as a long. */
    static long requireUnsigned32(long value, String name) {
        if ((value & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException(name + " is not an unsigned 32-bit value: " + value);
        }
        return value;
    }

    /** Checks that a list fits a 5-bit count field (RC or SC). */
    static void requireCount(int count, String name) {
        if (count > RtcpHeader.MAX_COUNT) {
            throw new IllegalArgumentException("at most 31 " + name + ", got " + count);
        }
    }
}
