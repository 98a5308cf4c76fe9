package io.hivemind.relay.sfu.room;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RetransmissionBufferTest {
    private static final int SLOTS = 64;

    private static ByteBuf packet(int seq, int length) {
        ByteBuf buf = Unpooled.buffer(length);
        buf.writeShort(seq);
        buf.writeZero(length - 2);
        return buf;
    }

    private static void store(RetransmissionBuffer ring, int seq, int length) {
        ByteBuf buf = packet(seq, length);
        ring.store(UnpooledByteBufAllocator.DEFAULT, seq, buf);
        buf.release();
    }

    static Stream<Arguments> lookups() {
        return Stream.of(
                Arguments.of("newest", 100, 0, 99, true),
                Arguments.of("oldest still held", 100, 0, 36, true),
                Arguments.of("one beyond the ring", 100, 0, 35, false),
                Arguments.of("never sent, ahead", 100, 0, 100, false),
                Arguments.of("across the 16-bit wrap", 40, 65_520, 3, true),
                Arguments.of("before the wrap, still held", 40, 65_520, 65_530, true),
                Arguments.of("half a cycle away", 40, 0, 32_800, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void findsExactlyThePacketsTheRingStillHolds(String name, int count, int first, int wanted, boolean found) {
        RetransmissionBuffer ring = new RetransmissionBuffer(SLOTS);
        for (int i = 0; i < count; i++) {
            store(ring, first + i & 0xFFFF, 60);
        }
        ByteBuf hit = ring.get(wanted);
        assertThat(hit != null).isEqualTo(found);
        if (found) {
            assertThat(hit.getUnsignedShort(hit.readerIndex())).isEqualTo(wanted);
        }
        ring.clear();
    }

    @Test
    void reusesASlotsBufferWhenTheNextPacketFitsAndReleasesEverythingOnClear() {
        RetransmissionBuffer ring = new RetransmissionBuffer(SLOTS);
        store(ring, 1, 200);
        ByteBuf first = ring.get(1);
        store(ring, 1 + SLOTS, 120);
        assertThat(ring.get(1 + SLOTS)).isSameAs(first);
        assertThat(first.readableBytes()).isEqualTo(120);
        store(ring, 1 + 2 * SLOTS, 300);
        ByteBuf grown = ring.get(1 + 2 * SLOTS);
        assertThat(grown).isNotSameAs(first);
        assertThat(first.refCnt()).isZero();
        // A late packet from before the ring's window is not stored over a newer one.
        store(ring, 1, 50);
        assertThat(ring.get(1)).isNull();
        ring.clear();
        assertThat(grown.refCnt()).isZero();
        assertThat(ring.get(1 + 2 * SLOTS)).isNull();
    }
}
