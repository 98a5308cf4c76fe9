package io.hivemind.relay.bench.jmh;

import io.hivemind.relay.media.audio.AudioMixer;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One 20 ms frame of a four-speaker room at 48 kHz: four sources of 960 samples submitted and mixed, then the
 * mix-minus for each of the four speakers. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} must be about
 * 0 B/op.
 */
public class MixerBenchmark extends Microbenchmark {

    private static final int SOURCES = 4;
    private static final int FRAME = 960;

    private final AudioMixer mixer = new AudioMixer(FRAME);
    private final short[][] speech = new short[SOURCES][FRAME];
    private final short[][] heard = new short[SOURCES][FRAME];

    @Setup
    public void room() {
        SplittableRandom random = new SplittableRandom(1);
        for (int s = 0; s < SOURCES; s++) {
            mixer.addSource(s);
            for (int i = 0; i < FRAME; i++) {
                speech[s][i] = (short) random.nextInt(-16_000, 16_000);
            }
        }
    }

    @Benchmark
    public void mixMinus4x960(Blackhole bh) {
        for (int s = 0; s < SOURCES; s++) {
            mixer.submit(s, speech[s], 0);
        }
        bh.consume(mixer.mix());
        for (int s = 0; s < SOURCES; s++) {
            mixer.mixFor(s, heard[s], 0);
        }
        bh.consume(heard);
    }
}
