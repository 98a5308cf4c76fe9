package io.hivemind.relay.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load tool against real Janus (Debian's {@code janus} package) started by {@code bench/janus/run-janus.sh} in
 * a network namespace: a separate load-tool process drives one VideoRoom (two talkers who hear each other through
 * multistream subscriptions, two listeners) and writes its report. Skipped where Janus is not installed or the
 * namespace cannot be made (not root).
 */
class JanusLoadTest {

    @Test
    void aShortRunThroughRealJanusForwardsEveryStream(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("janus"), "janus is not installed (apt-get install -y janus)");
        assumeTrue(onPath("unshare") && onPath("curl"), "unshare and curl are needed");
        assumeTrue("root".equals(System.getProperty("user.name")), "a network namespace needs root");
        Path script = Path.of("janus", "run-janus.sh").toAbsolutePath();
        Path report = dir.resolve("janus");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(script.toString(), "--", "bash", "-c",
                "exec \"$@\" --url \"$JANUS_URL\" --server-pid \"$JANUS_PID\"", "load-tool", java, "-cp",
                System.getProperty("java.class.path"), LoadTool.class.getName(), "run", "--target", "janus",
                "--scenario", "custom", "--talkers", "2", "--listeners", "2", "--warmup", "1", "--first-warmup", "1",
                "--duration", "3", "--out", report.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("output.txt").toFile()).start();
        boolean ended = process.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(dir.resolve("output.txt"));
        assertThat(ended).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        WindowResult window = LoadReport.read(dir.resolve("janus.json")).windows().get(0);
        RoomShape shape = new RoomShape(2, 2, true);
        assertThat(window.target()).isEqualTo("janus");
        assertThat(window.peers()).as("talkers listen on a second PeerConnection").isEqualTo(6);
        assertThat(window.jitterMillis().streams()).isEqualTo(shape.forwardedStreams());
        assertThat(window.received()).isPositive();
        assertThat(window.latencyMicros().count()).isCloseTo(window.received(), withinPercentage(10));
        assertThat(window.unstamped()).isZero();
        assertThat(window.serverCores()).as("Janus's CPU from /proc").isPositive();
        assertThat(window.serverGc()).as("Janus is no JVM").isNull();
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
