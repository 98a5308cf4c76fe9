package io.hivemind.relay.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JmhGuardTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode result(String mode, double score, double bytesPerOp) throws Exception {
        return JSON.readTree("""
                [{"benchmark":"io.x.SrtpBenchmark.protect","mode":"%s","params":{"profile":"AEAD_AES_128_GCM"},
                  "primaryMetric":{"score":%s,"scoreUnit":"ns/op"},
                  "secondaryMetrics":{"gc.alloc.rate.norm":{"score":%s,"scoreUnit":"B/op"}}}]
                """.formatted(mode, score, bytesPerOp));
    }

    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of("same time", "avgt", 500.0, 500.0, 0.0, 0.0, false),
                Arguments.of("10% slower, inside 15%", "avgt", 500.0, 550.0, 0.0, 0.0, false),
                Arguments.of("20% slower", "avgt", 500.0, 600.0, 0.0, 0.0, true),
                Arguments.of("much faster", "avgt", 500.0, 100.0, 0.0, 0.0, false),
                Arguments.of("throughput down 20%", "thrpt", 1000.0, 800.0, 0.0, 0.0, true),
                Arguments.of("throughput up", "thrpt", 1000.0, 1500.0, 0.0, 0.0, false),
                Arguments.of("allocation noise", "avgt", 500.0, 500.0, 0.002, 0.02, false),
                Arguments.of("allocates per packet now", "avgt", 500.0, 500.0, 0.002, 48.0, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void verdicts(String name, String mode, double before, double now, double bytesBefore, double bytesNow,
            boolean regressed) throws Exception {
        List<JmhGuard.Comparison> comparisons = JmhGuard.compare(JmhGuard.scores(result(mode, before, bytesBefore)),
                JmhGuard.scores(result(mode, now, bytesNow)), 0.15);
        assertThat(comparisons).singleElement().satisfies(c -> assertThat(c.regressed()).isEqualTo(regressed));
    }

    @Test
    void benchmarksAreKeyedByNameAndParameters() throws Exception {
        Map<String, JmhGuard.Score> scores = JmhGuard.scores(result("avgt", 1, 0));
        assertThat(scores).containsOnlyKeys("io.x.SrtpBenchmark.protect {profile=AEAD_AES_128_GCM}");
    }

    @Test
    void theCommittedBaselineIsARealJmhResultWithAllocationFigures() throws Exception {
        Map<String, JmhGuard.Score> baseline = JmhGuard.scores(JSON.readTree(Path.of("baseline",
                "jmh-baseline.json").toFile()));
        assertThat(baseline).isNotEmpty().allSatisfy((name, score) -> {
            assertThat(score.score()).as(name).isPositive();
            assertThat(score.bytesPerOp()).as(name).isNotNaN();
        });
        assertThat(JmhGuard.compare(baseline, baseline, 0.15)).noneMatch(JmhGuard.Comparison::regressed);
    }

    @Test
    void benchmarksMissingFromEitherSideAreNotCompared() throws Exception {
        assertThat(JmhGuard.compare(Map.of(), JmhGuard.scores(result("avgt", 1, 0)), 0.15)).isEmpty();
    }

    @Test
    void aDocumentThatIsNoJmhResultIsRefused() throws Exception {
        assertThatThrownBy(() -> JmhGuard.scores(JSON.readTree("{}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JmhGuard.scores(JSON.readTree("[{\"benchmark\":\"x\"}]")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
