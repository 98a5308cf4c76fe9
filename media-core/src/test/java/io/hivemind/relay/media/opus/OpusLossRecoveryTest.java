package io.hivemind.relay.media.opus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A lost packet k, handled by concealment (PLC) or by in-band FEC from packet k+1. The reference is what the
 * decoder would have produced had packet k arrived. A chirp in the speech band makes the frame unpredictable from
 * its past, so PLC (which extrapolates pitch) must fall short while FEC (which carries a coarse copy) must not.
 */
class OpusLossRecoveryTest {

    private static final int FRAME = 960;
    private static final OpusEncoderConfig FEC = OpusEncoderConfig.voice(1).withInbandFec(true, 20);

    private final short[] chirp = Pcm.chirp(200, 3000, 8000, Pcm.RATE, 1);

    @ParameterizedTest(name = "lose packet {0}")
    @ValueSource(ints = {10, 20, 25, 33, 40})
    void concealmentFillsTheGapPlausibly(int lost) {
        List<byte[]> packets = OpusStreams.encode(OpusEncoderConfig.voice(1), chirp);
        short[] out = new short[FRAME];
        try (OpusDecoderSession decoder = decodeUpTo(packets, lost)) {
            assertThat(decoder.conceal(FRAME, out, 0)).isEqualTo(FRAME);
            assertThat(decoder.lastPacketDurationSamples()).isEqualTo(FRAME);
            double rms = Pcm.rms(out, 0, FRAME);
            assertThat(rms).as("concealment is not silence").isGreaterThan(100);
            assertThat(rms).as("nor louder than the 8000-peak input").isLessThan(8000);

            short[] next = new short[FRAME];
            byte[] following = packets.get(lost + 1);
            assertThat(decoder.decode(following, 0, following.length, next, 0)).isEqualTo(FRAME);
            assertThat(Math.abs(next[0] - out[FRAME - 1])).as("no jump into the next frame").isLessThan(4000);
        }
    }

    @ParameterizedTest(name = "lose packet {0}")
    @ValueSource(ints = {10, 20, 25, 33, 40})
    void inbandFecRecoversTheLostFrameBetterThanConcealment(int lost) {
        List<byte[]> packets = OpusStreams.encode(FEC, chirp);
        double[] reference = Pcm.channel(OpusStreams.decode(1, packets, FRAME), 1, 0);
        byte[] next = packets.get(lost + 1);

        short[] concealed = new short[FRAME];
        try (OpusDecoderSession decoder = decodeUpTo(packets, lost)) {
            decoder.conceal(FRAME, concealed, 0);
        }
        short[] recovered = new short[FRAME];
        try (OpusDecoderSession decoder = decodeUpTo(packets, lost)) {
            assertThat(decoder.recoverFec(next, 0, next.length, FRAME, recovered, 0)).isEqualTo(FRAME);
            short[] after = new short[FRAME];
            assertThat(decoder.decode(next, 0, next.length, after, 0)).isEqualTo(FRAME);
        }

        double plc = Pcm.correlation(reference, lost * FRAME, Pcm.channel(concealed, 1, 0), 0, FRAME);
        double fec = Pcm.correlation(reference, lost * FRAME, Pcm.channel(recovered, 1, 0), 0, FRAME);
        assertThat(fec).as("FEC correlation (PLC was %.2f)", plc).isGreaterThan(0.9).isGreaterThan(plc + 0.2);
    }

    @ParameterizedTest(name = "lose packet {0}")
    @ValueSource(ints = {20, 33})
    void withoutFecInTheStreamRecoveryIsOnlyConcealment(int lost) {
        List<byte[]> packets = OpusStreams.encode(OpusEncoderConfig.voice(1), chirp);
        byte[] next = packets.get(lost + 1);
        short[] concealed = new short[FRAME];
        short[] recovered = new short[FRAME];
        try (OpusDecoderSession plc = decodeUpTo(packets, lost); OpusDecoderSession fec = decodeUpTo(packets, lost)) {
            plc.conceal(FRAME, concealed, 0);
            fec.recoverFec(next, 0, next.length, FRAME, recovered, 0);
        }
        assertThat(recovered).isEqualTo(concealed);
    }

    private static OpusDecoderSession decodeUpTo(List<byte[]> packets, int lost) {
        OpusDecoderSession decoder = new OpusDecoderSession(1);
        short[] scratch = new short[FRAME];
        for (int i = 0; i < lost; i++) {
            decoder.decode(packets.get(i), 0, packets.get(i).length, scratch, 0);
        }
        return decoder;
    }
}
