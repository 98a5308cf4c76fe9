package io.hivemind.relay.media.opus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpusDecoderSessionTest {

    private static final int FRAME = 960;

    @ParameterizedTest(name = "{0} ms packets")
    @ValueSource(ints = {10, 20, 40, 60})
    void reportsTheLastPacketDuration(int millis) {
        OpusEncoderConfig config = OpusEncoderConfig.voice(1).withFrameMillis(millis);
        byte[] packet = OpusStreams.encode(config, Pcm.speechLike(config.frameSamples())).get(0);
        short[] pcm = new short[5760];
        try (OpusDecoderSession decoder = new OpusDecoderSession(1)) {
            assertThat(decoder.decode(packet, 0, packet.length, pcm, 0)).isEqualTo(48 * millis);
            assertThat(decoder.lastPacketDurationSamples()).isEqualTo(48 * millis);
        }
    }

    @Test
    void malformedPacketIsATypedErrorThatOpusTocAlsoDrops() {
        byte[] evenCode1 = {0x09, 1, 2, 3};
        OpusToc toc = new OpusToc();
        assertThat(toc.parse(Unpooled.wrappedBuffer(evenCode1), 0, 4)).isEqualTo(OpusDropReason.ODD_CODE1_PAYLOAD);
        try (OpusDecoderSession decoder = new OpusDecoderSession(1)) {
            assertThatThrownBy(() -> decoder.decode(evenCode1, 0, 4, new short[FRAME], 0))
                .isInstanceOf(OpusException.class)
                .hasMessageContaining("OPUS_INVALID_PACKET")
                .satisfies(e -> assertThat(((OpusException) e).code()).isEqualTo(-4));
        }
    }

    @Test
    void tooSmallOutputIsBufferTooSmall() {
        byte[] packet = OpusStreams.encode(OpusEncoderConfig.voice(2), Pcm.tone(440, 8000, FRAME, 2)).get(0);
        try (OpusDecoderSession decoder = new OpusDecoderSession(2)) {
            assertThatThrownBy(() -> decoder.decode(packet, 0, packet.length, new short[2 * FRAME - 2], 0))
                .isInstanceOf(OpusException.class)
                .extracting(e -> ((OpusException) e).error()).isEqualTo(OpusError.BUFFER_TOO_SMALL);
        }
    }

    @Test
    void byteBufInputIsBorrowedAndDecodesLikeTheArray() {
        byte[] packet = OpusStreams.encode(OpusEncoderConfig.voice(1), Pcm.speechLike(FRAME)).get(0);
        ByteBuf buf = Unpooled.directBuffer(packet.length + 3).writeBytes(new byte[3]).writeBytes(packet);
        buf.readerIndex(3);
        short[] fromArray = new short[FRAME];
        short[] fromBuf = new short[FRAME];
        try (OpusDecoderSession a = new OpusDecoderSession(1); OpusDecoderSession b = new OpusDecoderSession(1)) {
            a.decode(packet, 0, packet.length, fromArray, 0);
            assertThat(b.decode(buf, fromBuf, 0)).isEqualTo(FRAME);
            assertThat(buf.readerIndex()).isEqualTo(3);
            assertThat(fromBuf).isEqualTo(fromArray);
        } finally {
            buf.release();
        }
    }

    @Test
    void resetForgetsTheHistoryConcealmentWouldExtend() {
        List<byte[]> packets = OpusStreams.encode(OpusEncoderConfig.voice(1), Pcm.tone(440, 8000, 10 * FRAME, 1));
        short[] pcm = new short[FRAME];
        try (OpusDecoderSession decoder = new OpusDecoderSession(1)) {
            for (byte[] packet : packets) {
                decoder.decode(packet, 0, packet.length, pcm, 0);
            }
            decoder.conceal(FRAME, pcm, 0);
            assertThat(Pcm.rms(pcm, 0, FRAME)).as("concealment continues the tone").isGreaterThan(100);

            decoder.reset();
            decoder.conceal(FRAME, pcm, 0);
            assertThat(Pcm.rms(pcm, 0, FRAME)).as("after reset there is nothing to continue").isZero();
        }
    }

    @Test
    void concealmentNeedsWholeMultiplesOf2Point5Ms() {
        try (OpusDecoderSession decoder = new OpusDecoderSession(1)) {
            assertThatThrownBy(() -> decoder.conceal(100, new short[FRAME], 0))
                .isInstanceOf(OpusException.class).hasMessageContaining("OPUS_BAD_ARG");
            assertThatThrownBy(() -> decoder.conceal(FRAME + 120, new short[FRAME], 0))
                .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseThrows() {
        OpusDecoderSession decoder = new OpusDecoderSession(1);
        decoder.close();
        decoder.close();

        assertThat(decoder.isClosed()).isTrue();
        assertThatThrownBy(() -> decoder.decode(new byte[] {0x08}, 0, 1, new short[FRAME], 0))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> decoder.conceal(FRAME, new short[FRAME], 0))
            .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(decoder::reset).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(decoder::lastPacketDurationSamples).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void errorCodesMapToLibopusNames() {
        assertThat(OpusError.of(-1)).isEqualTo(OpusError.BAD_ARG);
        assertThat(OpusError.of(-7)).isEqualTo(OpusError.ALLOC_FAIL);
        assertThat(OpusError.of(-8)).isEqualTo(OpusError.UNKNOWN);
        assertThat(OpusError.INVALID_STATE.libopusName()).isEqualTo("OPUS_INVALID_STATE");
        assertThat(OpusError.INVALID_STATE.code()).isEqualTo(-6);
    }
}
