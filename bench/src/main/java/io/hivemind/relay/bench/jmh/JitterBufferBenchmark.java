package io.hivemind.relay.bench.jmh;

import io.hivemind.relay.media.jitter.JitterBuffer;
import io.hivemind.relay.media.jitter.JitterBufferConfig;
import io.hivemind.relay.media.jitter.Playout;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * One 20 ms frame of a voice stream through the jitter buffer: insert the packet that arrived (Opus-sized payload,
 * 0..15 ms of jitter, 1 % loss) and poll the playout decision. Virtual time, so the buffer sees a realistic stream
 * however fast the benchmark runs. Target: well under a microsecond per frame and 0 B/op ({@code -prof gc}).
 */
public class JitterBufferBenchmark extends Microbenchmark {
    private static final long FRAME_NANOS = 20_000_000L;
    private static final int FRAME_SAMPLES = 960;
    private static final int TRACE_LENGTH = 1 << 12;

    private final byte[] payload = new byte[120];
    private final long[] jitterNanos = new long[TRACE_LENGTH];
    private final boolean[] lost = new boolean[TRACE_LENGTH];
    private final Playout out = new Playout();
    private JitterBuffer buffer;
    private long frame;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < TRACE_LENGTH; i++) {
            jitterNanos[i] = random.nextLong(15_000_000L);
            lost[i] = random.nextInt(100) == 0;
        }
        random.nextBytes(payload);
        buffer = new JitterBuffer(JitterBufferConfig.opus());
        frame = 0;
    }

    /** Insert one packet and poll one frame; returns the decision so nothing is optimised away. */
    @Benchmark
    public Object insertAndPoll() {
        long k = frame++;
        int i = (int) k & (TRACE_LENGTH - 1);
        if (!lost[i]) {
            buffer.insert((int) k, k * FRAME_SAMPLES, FRAME_SAMPLES, payload, k * FRAME_NANOS + jitterNanos[i]);
        }
        buffer.poll(k * FRAME_NANOS + 17_000_000L, out);
        return out.decision();
    }
}
