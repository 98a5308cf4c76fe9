package io.hivemind.relay.media.opus;

import static io.hivemind.relay.media.opus.OpusDropReason.BAD_CODE2_LENGTH;
import static io.hivemind.relay.media.opus.OpusDropReason.BAD_PADDING;
import static io.hivemind.relay.media.opus.OpusDropReason.CBR_NOT_DIVISIBLE;
import static io.hivemind.relay.media.opus.OpusDropReason.EMPTY;
import static io.hivemind.relay.media.opus.OpusDropReason.FRAME_TOO_LONG;
import static io.hivemind.relay.media.opus.OpusDropReason.MISSING_FRAME_COUNT;
import static io.hivemind.relay.media.opus.OpusDropReason.NONE;
import static io.hivemind.relay.media.opus.OpusDropReason.NO_FRAMES;
import static io.hivemind.relay.media.opus.OpusDropReason.ODD_CODE1_PAYLOAD;
import static io.hivemind.relay.media.opus.OpusDropReason.OVER_120_MS;
import static io.hivemind.relay.media.opus.OpusDropReason.VBR_TRUNCATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 6716 §3.4: each requirement [R1]..[R7] at its boundary, the packet just inside and just outside. */
class Rfc6716PacketValidityTest {

    private static final int SILK_20MS = 1 << 3;
    private static final int SILK_60MS = 3 << 3;

    static Stream<Arguments> boundaries() {
        return Stream.of(
            arguments("R1 empty packet", bytes(0), EMPTY),
            arguments("R1 TOC alone", bytes(1, SILK_20MS), NONE),
            arguments("R2 code 0 with 1275 bytes", bytes(1 + 1275, SILK_20MS), NONE),
            arguments("R2 code 0 with 1276 bytes", bytes(1 + 1276, SILK_20MS), FRAME_TOO_LONG),
            arguments("R2 code 1 with 2 x 1275", bytes(1 + 2550, SILK_20MS | 1), NONE),
            arguments("R2 code 1 with 2 x 1276", bytes(1 + 2552, SILK_20MS | 1), FRAME_TOO_LONG),
            arguments("R2 code 2 implicit second of 1276", bytes(2 + 1276, SILK_20MS | 2, 0), FRAME_TOO_LONG),
            arguments("R2 code 3 CBR 2 x 1276", bytes(2 + 2552, SILK_20MS | 3, 2), FRAME_TOO_LONG),
            arguments("R2 code 3 VBR implicit last of 1276", bytes(3 + 1276, SILK_20MS | 3, 0x82, 0), FRAME_TOO_LONG),
            arguments("R3 code 1 with odd payload", bytes(4, SILK_20MS | 1), ODD_CODE1_PAYLOAD),
            arguments("R3 code 1 with even payload", bytes(5, SILK_20MS | 1), NONE),
            arguments("R4 code 2 without a length", bytes(1, SILK_20MS | 2), BAD_CODE2_LENGTH),
            arguments("R4 code 2 with half a 2-byte length", bytes(2, SILK_20MS | 2, 252), BAD_CODE2_LENGTH),
            arguments("R4 code 2 first frame one byte short", bytes(2 + 2, SILK_20MS | 2, 3), BAD_CODE2_LENGTH),
            arguments("R4 code 2 first frame exactly fits", bytes(2 + 3, SILK_20MS | 2, 3), NONE),
            arguments("R5 code 3 with zero frames", bytes(2, SILK_20MS | 3, 0), NO_FRAMES),
            arguments("R5 code 3 with 2 x 60 ms", bytes(2, SILK_60MS | 3, 2), NONE),
            arguments("R5 code 3 with 3 x 60 ms", bytes(2, SILK_60MS | 3, 3), OVER_120_MS),
            arguments("R5 code 3 with 6 x 20 ms", bytes(2, SILK_20MS | 3, 6), NONE),
            arguments("R5 code 3 with 7 x 20 ms", bytes(2, SILK_20MS | 3, 7), OVER_120_MS),
            arguments("R5 code 3 with 49 x 2.5 ms", bytes(2, 16 << 3 | 3, 49), OVER_120_MS),
            arguments("R6 code 3 without frame count", bytes(1, SILK_20MS | 3), MISSING_FRAME_COUNT),
            arguments("R6 CBR not a multiple of M", bytes(2 + 5, SILK_20MS | 3, 2), CBR_NOT_DIVISIBLE),
            arguments("R6 padding length byte missing", bytes(2, SILK_20MS | 3, 0x41), BAD_PADDING),
            arguments("R6 padding exactly N-2", bytes(2 + 1 + 10, SILK_20MS | 3, 0x41, 10), NONE),
            arguments("R6 padding one more than left", bytes(2 + 1 + 10, SILK_20MS | 3, 0x41, 11), BAD_PADDING),
            arguments("R6 padding chain of 255 runs out", bytes(2 + 1 + 254, SILK_20MS | 3, 0x41, 255), BAD_PADDING),
            arguments("R6 padding chain 255,0 fits", bytes(2 + 2 + 254, SILK_20MS | 3, 0x41, 255, 0), NONE),
            arguments("R7 VBR missing a frame length", bytes(2, SILK_20MS | 3, 0x82), VBR_TRUNCATED),
            arguments("R7 VBR first frame past the end", bytes(3 + 4, SILK_20MS | 3, 0x82, 5), VBR_TRUNCATED),
            arguments("R7 VBR first frame exactly fills", bytes(3 + 5, SILK_20MS | 3, 0x82, 5), NONE),
            arguments("R7 VBR frames plus padding overflow", bytes(5 + 5, SILK_20MS | 3, 0xC2, 2, 5), VBR_TRUNCATED),
            arguments("R7 VBR frames plus padding fit", bytes(5 + 7, SILK_20MS | 3, 0xC2, 2, 5), NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaries")
    void requirementsOfSection34(String name, byte[] packet, OpusDropReason expected) {
        OpusToc toc = new OpusToc();
        ByteBuf buf = Unpooled.wrappedBuffer(packet);

        assertThat(toc.parse(buf, 0, packet.length)).isEqualTo(expected);
        assertThat(buf.readerIndex()).as("parse leaves indexes alone").isZero();
        if (expected == NONE) {
            assertThat(toc.frameCount()).isBetween(1, OpusToc.MAX_FRAMES);
            assertThat(toc.durationSamples()).isLessThanOrEqualTo(OpusToc.MAX_PACKET_SAMPLES);
        } else {
            assertThat(toc.frameCount()).as("nothing described after a drop").isZero();
        }
    }

    @Test
    void parsesAtAnIndexInsideALargerBuffer() {
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, (byte) 0xFF, SILK_20MS | 1, 7, 7, (byte) 0xFF});
        OpusToc toc = new OpusToc();

        assertThat(toc.parse(buf, 2, 3)).isEqualTo(NONE);
        assertThat(toc.frameOffset(1)).isEqualTo(4);
        assertThat(toc.frameLength(1)).isEqualTo(1);
        assertThatThrownBy(() -> toc.frameLength(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> toc.parse(buf, 2, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** {@code length} bytes starting with {@code head}, the rest 0x11. */
    private static byte[] bytes(int length, int... head) {
        byte[] packet = new byte[length];
        java.util.Arrays.fill(packet, (byte) 0x11);
        for (int i = 0; i < head.length; i++) {
            packet[i] = (byte) head[i];
        }
        return packet;
    }
}
