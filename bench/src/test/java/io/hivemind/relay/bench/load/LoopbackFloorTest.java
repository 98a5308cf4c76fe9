package io.hivemind.relay.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackFloorTest {

    @Test
    void everyStreamIsTimedThroughThePlainForwarder() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        LoopbackFloor.Result result = LoopbackFloor.measure(4, Duration.ofMillis(200), Duration.ofSeconds(2),
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(result.streams()).isEqualTo(4);
        assertThat(result.packetsPerSecond()).as("4 streams of 50 packets/s").isCloseTo(200, withinPercentage(25));
        assertThat(result.latencyMicros().count()).isPositive();
        assertThat(result.latencyMicros().p50()).isPositive().isLessThanOrEqualTo(result.latencyMicros().p99());
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("floor: 4 streams (200 packets/s)");
        assertThat(LoadTool.floorMarkdown(List.of(result))).contains("| 4 | ");
    }
}
