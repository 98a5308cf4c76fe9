package io.hivemind.relay.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

class StampedOpusFuzzTest {

    /** Any received payload: never throws, never reads outside the payload (guard bytes around it are 0xFF). */
    @FuzzTest(maxDuration = "10s")
    void sendNanosReadsOnlyThePayload(byte[] payload) {
        ByteBuf buf = Unpooled.buffer(payload.length + 16);
        try {
            buf.writeBytes(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}).writeBytes(payload)
                    .writeBytes(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1});
            ByteBuf exact = buf.slice(8, payload.length);
            long inSlice = StampedOpus.sendNanos(exact, 0, payload.length);
            assertThat(StampedOpus.sendNanos(buf, 8, payload.length)).isEqualTo(inSlice);
        } finally {
            buf.release();
        }
    }
}
