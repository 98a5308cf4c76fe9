package io.hivemind.relay.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.media.opus.OpusDecoderSession;
import io.hivemind.relay.media.opus.OpusEncoderConfig;
import io.hivemind.relay.media.opus.OpusEncoderSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The jitter buffer's decisions applied to a real libopus decoder, end to end: speech-like audio encoded with
 * in-band FEC, sent over a seeded lossy and jittery network, played out every 20 ms. Frames the buffer plays or
 * recovers through FEC are compared with a loss-free decode of the same RTP timestamp.
 */
class JitterBufferOpusPlayoutTest {
    private static final int FRAME = 960;
    private static final long FRAME_NANOS = 20_000_000L;
    private static final int PACKETS = 500; // 10 s

    @Test
    void lossyJitteryStreamPlaysOutWithFecRecoveringLostFrames() {
        List<byte[]> packets = encodeSpeechLike();
        short[][] reference = decodeInOrder(packets);

        Random network = new Random(42);
        long[] arrival = new long[PACKETS];
        boolean[] lost = new boolean[PACKETS];
        for (int i = 0; i < PACKETS; i++) {
            lost[i] = i > 10 && network.nextDouble() < 0.08;
            arrival[i] = i * FRAME_NANOS + (long) (network.nextDouble() * 30_000_000L);
        }

        JitterBuffer buffer = new JitterBuffer(JitterBufferConfig.opus());
        Playout playout = new Playout();
        Map<PlayoutDecision, Integer> decisions = new EnumMap<>(PlayoutDecision.class);
        List<Double> fecCorrelations = new ArrayList<>();
        List<Double> playCorrelations = new ArrayList<>();
        List<Double> concealCorrelations = new ArrayList<>();
        short[] frame = new short[FRAME];
        try (OpusDecoderSession decoder = new OpusDecoderSession(1)) {
            int next = 0;
            for (long now = 0; now < (PACKETS + 20) * FRAME_NANOS; now += FRAME_NANOS) {
                for (; next < PACKETS && arrival[next] <= now; next++) {
                    if (!lost[next]) {
                        buffer.insert(next, (long) next * FRAME, FRAME, packets.get(next), arrival[next]);
                    }
                }
                buffer.poll(now, playout);
                decisions.merge(playout.decision(), 1, Integer::sum);
                int rendered = render(decoder, playout, frame);
                assertThat(rendered).as("samples for %s", playout.decision()).isEqualTo(playout.samples());

                int index = (int) (playout.timestamp() / FRAME);
                if (index < 0 || index >= PACKETS) {
                    continue; // before the start or past the end of the stream
                }
                if (playout.decision() == PlayoutDecision.FEC && rendered == FRAME) {
                    fecCorrelations.add(correlation(frame, reference[index]));
                } else if (playout.decision() == PlayoutDecision.PLAY) {
                    playCorrelations.add(correlation(frame, reference[index]));
                } else if (playout.decision() == PlayoutDecision.CONCEAL && rendered == FRAME) {
                    concealCorrelations.add(correlation(frame, reference[index]));
                }
            }
        }

        JitterBufferStats stats = buffer.stats();
        long lostCount = countTrue(lost);
        System.out.printf("opus playout: %d lost of %d, decisions %s, FEC correlation mean %.3f, "
                + "CONCEAL correlation mean %.3f, PLAY correlation mean %.3f, %s%n", lostCount, PACKETS, decisions,
            mean(fecCorrelations), mean(concealCorrelations), mean(playCorrelations), stats);

        assertThat(lostCount).as("the trace loses packets").isGreaterThan(5);
        assertThat(decisions.getOrDefault(PlayoutDecision.FEC, 0)).as("lost frames recovered by FEC")
            .isGreaterThanOrEqualTo((int) lostCount / 2);
        // LBRR is a lower-rate copy of the frame, so it is close to, not equal to, the loss-free decode; concealment
        // only extrapolates the previous pitch and drifts on a gliding voice.
        assertThat(mean(fecCorrelations)).as("FEC frames match the loss-free decode").isGreaterThan(0.6);
        assertThat(mean(fecCorrelations)).as("FEC beats concealment")
            .isGreaterThan(mean(concealCorrelations) + 0.2);
        assertThat(mean(playCorrelations)).as("played frames match the loss-free decode").isGreaterThan(0.95);
        assertThat(decisions.getOrDefault(PlayoutDecision.PLAY, 0) + decisions.getOrDefault(
            PlayoutDecision.ACCELERATE, 0)).as("frames decoded normally")
            .isGreaterThanOrEqualTo(PACKETS - (int) lostCount - 10);
    }

    private static int render(OpusDecoderSession decoder, Playout playout, short[] frame) {
        switch (playout.decision()) {
            case PLAY, ACCELERATE:
                return decoder.decode(playout.payload(), 0, playout.payloadLength(), frame, 0);
            case FEC:
                return decoder.recoverFec(playout.payload(), 0, playout.payloadLength(), playout.samples(), frame, 0);
            case CONCEAL, STRETCH:
                return decoder.conceal(playout.samples(), frame, 0);
            default:
                Arrays.fill(frame, (short) 0);
                return playout.samples();
        }
    }

    /**
     * A voice-band glide: the pitch moves every 20 ms (phase-continuous), so concealment, which extrapolates the
     * last pitch period, drifts away from the real signal while FEC carries the frame itself.
     */
    private static List<byte[]> encodeSpeechLike() {
        List<byte[]> packets = new ArrayList<>();
        short[] pcm = new short[FRAME];
        byte[] out = new byte[1500];
        Random pitch = new Random(7);
        double phase = 0;
        try (OpusEncoderSession encoder = new OpusEncoderSession(OpusEncoderConfig.voice(1).withInbandFec(true, 20))) {
            for (int i = 0; i < PACKETS; i++) {
                double from = 150 + 1350 * pitch.nextDouble();
                double to = 150 + 1350 * pitch.nextDouble();
                for (int n = 0; n < FRAME; n++) {
                    double frequency = from + (to - from) * n / FRAME;
                    phase += 2 * Math.PI * frequency / OpusEncoderConfig.SAMPLE_RATE;
                    pcm[n] = (short) Math.round(8000 * (Math.sin(phase) + 0.4 * Math.sin(2 * phase)));
                }
                int length = encoder.encode(pcm, 0, out, 0);
                packets.add(Arrays.copyOf(out, length));
            }
        }
        return packets;
    }

    private static short[][] decodeInOrder(List<byte[]> packets) {
        short[][] frames = new short[packets.size()][FRAME];
        try (OpusDecoderSession decoder = new OpusDecoderSession(1)) {
            for (int i = 0; i < packets.size(); i++) {
                byte[] packet = packets.get(i);
                decoder.decode(packet, 0, packet.length, frames[i], 0);
            }
        }
        return frames;
    }

    /** Normalised correlation at lag 0: 1 for identical waveforms, about 0 for unrelated ones. */
    private static double correlation(short[] a, short[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int n = 0; n < FRAME; n++) {
            ab += (double) a[n] * b[n];
            aa += (double) a[n] * a[n];
            bb += (double) b[n] * b[n];
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static long countTrue(boolean[] values) {
        long count = 0;
        for (boolean value : values) {
            count += value ? 1 : 0;
        }
        return count;
    }
}
