package io.hivemind.relay.bench.jmh;

import io.hivemind.relay.media.audio.Resampler;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * One 20 ms voice frame through the room-to-Realtime resamplers: 960 samples at 48 kHz down to 480 at 24 kHz, and 480
 * at 24 kHz back up to 960. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} must be about 0 B/op.
 */
public class ResamplerBenchmark extends Microbenchmark {

    private final Resampler down = new Resampler(48_000, 24_000);
    private final Resampler up = new Resampler(24_000, 48_000);
    private final short[] room = new short[960];
    private final short[] realtime = new short[480];
    private final short[] back = new short[960];

    @Setup
    public void fill() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < room.length; i++) {
            room[i] = (short) random.nextInt(-8000, 8000);
        }
        for (int i = 0; i < realtime.length; i++) {
            realtime[i] = room[2 * i];
        }
    }

    @Benchmark
    public int down48kTo24k20ms() {
        return down.process(room, 0, room.length, realtime, 0);
    }

    @Benchmark
    public int up24kTo48k20ms() {
        return up.process(realtime, 0, realtime.length, back, 0);
    }
}
