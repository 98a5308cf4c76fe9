package io.hivemind.relay.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Insert and poll allocate nothing: measured with the JVM's per-thread allocation counter over 100 000 frames. */
class JitterBufferAllocationTest {
    private static final long MS = 1_000_000L;

    @Test
    void steadyInsertAndPollAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        JitterBuffer buffer = new JitterBuffer(JitterBufferConfig.opus());
        Playout out = new Playout();
        byte[] payload = new byte[160];
        Random random = new Random(3);
        long[] jitter = new long[4096];
        for (int i = 0; i < jitter.length; i++) {
            jitter[i] = random.nextInt(30) * MS;
        }
        long threadId = Thread.currentThread().getId();
        long before = 0;
        int decisions = 0;
        for (int k = 0; k < 150_000; k++) {
            if (k == 50_000) {
                before = threads.getThreadAllocatedBytes(threadId);
            }
            // 5 % loss and 30 ms of jitter keep every decision path busy.
            if (k % 20 != 7) {
                buffer.insert(k, 960L * k, 960, payload, k * 20 * MS + jitter[k & 4095]);
            }
            buffer.poll(k * 20 * MS + 7 * MS, out);
            decisions += out.decision().ordinal();
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertThat(decisions).isPositive();
        assertThat(allocated).as("bytes allocated by 100 000 inserts and polls").isLessThan(256);
    }
}
