package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
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
}
