package io.hivemind.relay.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

class ProcessCpuFuzzTest {

    /** Any text: a non-negative count or IllegalArgumentException, nothing else. */
    @FuzzTest(maxDuration = "10s")
    void parseCpuNanos(String line) {
        if (line == null) {
            return; // the callers pass what they read: never null
        }
        try {
            assertThat(ProcessCpu.parseCpuNanos(line)).isNotNegative();
        } catch (IllegalArgumentException expected) {
            // the documented refusal
        }
    }
}
