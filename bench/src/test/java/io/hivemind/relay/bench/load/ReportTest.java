package io.hivemind.relay.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    static WindowResult window(String target, String scenario, double forwardedPerSecond, double serverCores,
            long p99, double loss) {
        double seconds = 10;
        long received = Math.round(forwardedPerSecond * seconds);
        return new WindowResult(target, scenario, 1, 10, 90, 100, seconds, 5_000, received, 0, loss, 500,
                forwardedPerSecond, new LatencySummary(received, p99 / 4, p99 / 2, p99, p99 * 2, p99 * 3),
                new JitterSummary(990, 0.2, 0.5, 0.9), serverCores, 0.6,
                forwardedPerSecond / serverCores, new WindowResult.GcSummary(1, 2.5), null, 0, 0,
                new RelayDelay.Summary(received, 250, 1_000, 5_000));
    }

    @Test
    void aReportSurvivesJsonAndRendersEveryWindow(@TempDir Path dir) throws Exception {
        WindowResult capacity = window("hivemind", "ramp-1", 20_000, 0.2, 400, 0);
        LoadReport report = new LoadReport("hivemind", "2026-11-24T00:00:00Z", "2 × test CPU", "JDK 17", "run",
                List.of(capacity, window("hivemind", "ramp-2", 40_000, 0.5, 9_000, 0.5)), capacity);
        report.write(dir.resolve("r"));
        assertThat(LoadReport.read(dir.resolve("r.json"))).isEqualTo(report);
        String md = Files.readString(dir.resolve("r.md"));
        assertThat(md).contains("| ramp-1 |", "| ramp-2 |", "9.000 ms", "Capacity found: 20,000",
                "≤ 0.25 / ≤ 1 / ≤ 5 ms");
    }

    @Test
    void sideBySideRatiosFavourTheCheaperAndFasterRelay() {
        LoadReport ours = new LoadReport("hivemind", "t", "m", "j", "c",
                List.of(window("hivemind", "talkers", 45_000, 0.25, 500, 0)), null);
        LoadReport janus = new LoadReport("janus", "t", "m", "j", "c",
                List.of(window("janus", "talkers", 45_000, 0.75, 2_000, 0.2)), null);
        String md = SideBySide.markdown(List.of(new SideBySide.Pair(ours, janus)));
        assertThat(md).contains("| talkers |", "= 3.00×", "0.500 ms / 2.000 ms = 0.25×", "0.000% / 0.200%");
    }

    @Test
    void everyScenarioGoesInOneTableWithTheRampCapacitiesAndStepsOnlyOneSideReached() {
        LoadReport oursTalkers = new LoadReport("hivemind", "t", "m", "j", "c",
                List.of(window("hivemind", "talkers", 45_000, 0.25, 500, 0)), null);
        LoadReport janusTalkers = new LoadReport("janus", "t", "m", "j", "c",
                List.of(window("janus", "talkers", 45_000, 0.5, 900, 0)), null);
        WindowResult ours1 = window("hivemind", "ramp-1", 6_000, 0.05, 700, 0);
        WindowResult ours2 = window("hivemind", "ramp-2", 12_000, 0.1, 900, 0);
        WindowResult ours3 = window("hivemind", "ramp-3", 18_000, 0.15, 9_000, 0);
        WindowResult janus1 = window("janus", "ramp-1", 6_000, 0.1, 8_000, 0);
        LoadReport oursRamp = new LoadReport("hivemind", "t", "m", "j", "c", List.of(ours1, ours2, ours3), ours2);
        LoadReport janusRamp = new LoadReport("janus", "t", "m", "j", "c", List.of(janus1), null);

        String md = SideBySide.markdown(List.of(new SideBySide.Pair(oursTalkers, janusTalkers),
                new SideBySide.Pair(oursRamp, janusRamp)));

        assertThat(md).contains("| talkers |", "= 2.00×", "| ramp-1 | 100 / 100 |",
                "| ramp-3 | 100 / — | 18,000 / — |",
                "Ramp capacity within the limits: ours 12,000, janus none (the first step broke a limit)");
        assertThat(md.lines().filter(line -> line.startsWith("| ramp-"))).hasSize(3);
    }

    @Test
    void windowsAreMatchedByScenario() {
        List<WindowResult> peer = List.of(window("janus", "ramp-1", 1, 1, 1, 0), window("janus", "ramp-2", 2, 1, 1, 0));
        assertThat(SideBySide.matching(peer, window("hivemind", "ramp-2", 1, 1, 1, 0), 1).scenario())
                .isEqualTo("ramp-2");
        assertThat(SideBySide.matching(peer, window("hivemind", "ramp-3", 1, 1, 1, 0), 2)).isNull();
        assertThat(SideBySide.ratio(1, 0)).isEqualTo("n/a");
    }

    @Test
    void aWindowIsWithinTheRampLimitsOnlyWithTrafficLowLossAndLowP99() {
        assertThat(window("x", "s", 1_000, 1, 4_999, 0.05).within(0.1, 5_000)).isTrue();
        assertThat(window("x", "s", 1_000, 1, 5_001, 0.05).within(0.1, 5_000)).isFalse();
        assertThat(window("x", "s", 1_000, 1, 100, 0.2).within(0.1, 5_000)).isFalse();
        assertThat(window("x", "s", 0, 1, 100, 0).within(0.1, 5_000)).isFalse();
    }
}
