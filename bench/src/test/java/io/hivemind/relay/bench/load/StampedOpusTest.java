package io.hivemind.relay.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivemind.relay.media.opus.OpusDecoderSession;
import io.hivemind.relay.media.opus.OpusDropReason;
import io.hivemind.relay.media.opus.OpusToc;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StampedOpusTest {

    private static OpusLoop loop;

    @BeforeAll
    static void encode() {
        loop = OpusLoop.encode(10);
    }

    private static byte[] stamped(byte[] frame, long nanos) {
        ByteBuf out = Unpooled.buffer();
        try {
            StampedOpus.stamp(out, StampedOpus.write(frame, out), nanos);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    @Test
    void theSendTimeSurvivesARoundTripAtAnyOffset() {
        byte[] frame = loop.frame(3);
        long nanos = 0x0123_4567_89ab_cdefL;
        ByteBuf datagram = Unpooled.buffer().writeZero(12).writeBytes(stamped(frame, nanos)).writeZero(16);
        try {
            int payloadLength = frame.length + StampedOpus.OVERHEAD;
            assertThat(StampedOpus.sendNanos(datagram, 12, payloadLength)).isEqualTo(nanos);
        } finally {
            datagram.release();
        }
    }

    @Test
    void aStampedPacketIsValidOpusThatDecodesToTheSameAudio() {
        short[] plain = new short[960];
        short[] padded = new short[960];
        try (OpusDecoderSession a = new OpusDecoderSession(1); OpusDecoderSession b = new OpusDecoderSession(1)) {
            for (int i = 0; i < loop.size(); i++) {
                byte[] frame = loop.frame(i);
                byte[] packet = stamped(frame, System.nanoTime());
                assertThat(a.decode(frame, 0, frame.length, plain, 0)).isEqualTo(960);
                assertThat(b.decode(packet, 0, packet.length, padded, 0)).isEqualTo(960);
                assertThat(padded).as("frame %d", i).isEqualTo(plain);
            }
        }
    }

    @Test
    void theRelaysTocCheckAcceptsAStampedPacket() {
        ByteBuf packet = Unpooled.wrappedBuffer(stamped(loop.frame(0), 1));
        try {
            assertThat(new OpusToc().parse(packet, 0, packet.readableBytes())).isEqualTo(OpusDropReason.NONE);
        } finally {
            packet.release();
        }
    }

    static Stream<Arguments> notStamped() {
        return Stream.of(
                Arguments.of("a plain code 0 packet", (UnaryOperator<byte[]>) stamped -> loop.frame(0)),
                Arguments.of("code 2, not 3", (UnaryOperator<byte[]>) stamped -> with(stamped, 0,
                        (stamped[0] & ~3) | 2)),
                Arguments.of("no padding flag", (UnaryOperator<byte[]>) stamped -> with(stamped, 1, 0x01)),
                Arguments.of("other padding length", (UnaryOperator<byte[]>) stamped -> with(stamped, 2, 13)),
                Arguments.of("other magic", (UnaryOperator<byte[]>) stamped -> with(stamped,
                        stamped.length - 12, 0)),
                Arguments.of("too short", (UnaryOperator<byte[]>) stamped -> new byte[] {3, 0x41, 12}));
    }

    private static byte[] with(byte[] bytes, int index, int value) {
        byte[] copy = bytes.clone();
        copy[index] = (byte) value;
        return copy;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notStamped")
    void packetsWithoutOurPaddingHaveNoSendTime(String name, UnaryOperator<byte[]> mutate) {
        byte[] payload = mutate.apply(stamped(loop.frame(1), 42));
        ByteBuf buf = Unpooled.wrappedBuffer(payload);
        try {
            assertThat(StampedOpus.sendNanos(buf, 0, payload.length)).isEqualTo(Long.MIN_VALUE);
        } finally {
            buf.release();
        }
    }

    @Test
    void onlyOneFrameCodeZeroPacketsCanBeStamped() {
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> StampedOpus.write(new byte[0], out)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> StampedOpus.write(new byte[] {0x01, 0x02}, out))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(out.readableBytes()).isZero();
        } finally {
            out.release();
        }
    }
}
