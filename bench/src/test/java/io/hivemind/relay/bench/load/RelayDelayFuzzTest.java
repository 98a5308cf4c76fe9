package io.hivemind.relay.bench.load;

import com.code_intelligence.jazzer.junit.FuzzTest;

class RelayDelayFuzzTest {

    /** Any metrics text: buckets whose summary is computable, or IllegalArgumentException, nothing else. */
    @FuzzTest(maxDuration = "10s")
    void parse(String metrics) {
        if (metrics == null) {
            return; // the caller passes an HTTP body: never null
        }
        try {
            RelayDelay.parse(metrics).summary();
        } catch (IllegalArgumentException expected) {
            // the documented refusal
        }
    }
}
