package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Map<String, String> environment = Map.of();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), environment, args);
    }

    @Test
    void servePrintsVersionAndAddresses() {
        assertThat(run("serve", "--http-port", "9001", "--media-port", "9002")).isZero();
        assertThat(out.toString())
                .contains("Hivemind Relay 0.1.0")
                .contains("http://127.0.0.1:9001")
                .contains("127.0.0.1:9002")
                .contains("Nothing to serve yet");
    }

    @Test
    void rejectsBadPortWithClearError() {
        assertThat(run("serve", "--http-port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("HTTP port must be 0..65535, got 70000");
    }

    @Test
    void rejectsUnknownOption() {
        assertThat(run("serve", "--nope")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--nope'");
    }

    @Test
    void versionFlag() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("Hivemind Relay 0.1.0");
    }

    @Test
    void withoutSubcommandPrintsUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(out.toString()).contains("serve");
    }

    @Test
    void developmentKeyIsPrintedForLoopback() {
        assertThat(run("serve")).isZero();
        assertThat(out.toString()).contains("Development API key devkey");
    }

    @Test
    void configuredSecretIsNeverPrinted() {
        String secret = "a-real-secret-that-must-stay-private-123";
        environment = Map.of("LIVEKIT_API_KEY", "APIprod", "LIVEKIT_API_SECRET", secret);
        assertThat(run("serve", "--bind", "0.0.0.0")).isZero();
        assertThat(out.toString()).contains("APIprod").doesNotContain(secret);
        assertThat(err.toString()).doesNotContain(secret);
    }

    @Test
    void flagsWinOverFileAndEnvironment(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("relay.yaml"), "http:\n  port: 9100\nmedia:\n  port: 9101\n");
        environment = Map.of("RELAY_CONFIG", yaml.toString(), "RELAY_MEDIA_PORT", "9201");
        assertThat(run("serve", "--http-port", "9300")).isZero();
        assertThat(out.toString()).contains("http://127.0.0.1:9300").contains("127.0.0.1:9201");
    }

    @Test
    void badConfigurationFileIsAClearError(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("relay.yaml"), "media:\n  prot: 9101\n");
        assertThat(run("serve", "--config", yaml.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("relay.yaml: unknown setting media.prot");
    }
}
