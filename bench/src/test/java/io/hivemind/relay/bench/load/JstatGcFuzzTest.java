package io.hivemind.relay.bench.load;

import com.code_intelligence.jazzer.junit.FuzzTest;

class JstatGcFuzzTest {

    /** Any text: totals or IllegalArgumentException, nothing else. */
    @FuzzTest(maxDuration = "10s")
    void parse(String output) {
        if (output == null) {
            return; // the callers pass what they read: never null
        }
        try {
            JstatGc.parse(output);
        } catch (IllegalArgumentException expected) {
            // the documented refusal
        }
    }
}
