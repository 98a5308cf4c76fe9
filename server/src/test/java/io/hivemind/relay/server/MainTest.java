package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Map<String, String> environment = Map.of();

    /** Where a started relay keeps its database unless a test says otherwise (never the module's ./data). */
    @TempDir
    Path dataDir;

    private int run(String... args) {
        Map<String, String> withDataDir = new HashMap<>(environment);
        withDataDir.putIfAbsent("RELAY_DATA_DIR", dataDir.toString());
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), withDataDir, args);
    }

    @Test
    void serveStartsTheRelayAndPrintsWhereItListens() {
        assertThat(run("serve", "--http-port", "0", "--media-port", "0", "--exit-after-start")).isZero();
        assertThat(out.toString())
                .contains("Hivemind Relay 0.1.0")
                .contains("http://127.0.0.1:0")
                .containsPattern("Listening: HTTP/WebSocket http://127\\.0\\.0\\.1:[1-9][0-9]* "
                        + "\\(WebSocket ws://127\\.0\\.0\\.1:[1-9][0-9]*/ws\\)  UDP media 127\\.0\\.0\\.1:[1-9]")
                .containsPattern("REST http://127\\.0\\.0\\.1:[1-9][0-9]*/api/rooms  health http://[^ ]+/healthz  "
                        + "metrics http://[^ ]+/metrics")
                .containsPattern("Call page: open http://127\\.0\\.0\\.1:[1-9][0-9]*/ in a browser")
                .doesNotContain("Nothing to serve yet");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aPortInUseIsAOneLineErrorNamingItAndExitCodeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThat(run("serve", "--http-port", Integer.toString(port), "--media-port", "0",
                    "--exit-after-start")).isEqualTo(1);
            assertThat(err.toString()).startsWith("relay serve: cannot bind HTTP port 127.0.0.1:" + port + ": ")
                    .hasLineCount(1);
        }
    }

    @Test
    void anUnusableDataDirectoryIsAOneLineErrorAndExitCodeOne() throws Exception {
        Path notADirectory = Files.writeString(dataDir.resolve("data"), "a file");

        assertThat(run("serve", "--http-port", "0", "--media-port", "0", "--data-dir", notADirectory.toString(),
                "--exit-after-start")).isEqualTo(1);
        assertThat(err.toString()).startsWith("relay serve: cannot create the data directory " + notADirectory
                + " (data_dir): ").hasLineCount(1);
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
        assertThat(run("serve", "--http-port", "0", "--media-port", "0", "--exit-after-start")).isZero();
        assertThat(out.toString()).contains("Development API key devkey");
    }

    @Test
    void configuredSecretIsNeverPrinted() {
        String secret = "a-real-secret-that-must-stay-private-123";
        environment = Map.of("LIVEKIT_API_KEY", "APIprod", "LIVEKIT_API_SECRET", secret,
                "RELAY_ANNOUNCED_ADDRESS", "127.0.0.1");
        assertThat(run("serve", "--bind", "0.0.0.0", "--http-port", "0", "--media-port", "0", "--exit-after-start"))
                .isZero();
        assertThat(out.toString()).contains("APIprod").doesNotContain(secret);
        assertThat(err.toString()).doesNotContain(secret);
    }

    @Test
    void flagsWinOverFileAndEnvironment(@TempDir Path dir) throws Exception {
        int loops = Runtime.getRuntime().availableProcessors();
        int fileHttp = freeTcpPort();
        int fileMedia = freeUdpPorts(loops);
        int environmentMedia = freeUdpPorts(loops);
        int flagHttp = freeTcpPort();
        Path yaml = Files.writeString(dir.resolve("relay.yaml"),
                "http:\n  port: " + fileHttp + "\nmedia:\n  port: " + fileMedia + "\n");
        environment = Map.of("RELAY_CONFIG", yaml.toString(), "RELAY_MEDIA_PORT", Integer.toString(environmentMedia));
        assertThat(run("serve", "--http-port", Integer.toString(flagHttp), "--exit-after-start")).isZero();
        assertThat(out.toString()).containsPattern("HTTP/WebSocket http://127\\.0\\.0\\.1:" + flagHttp + "\\b")
                .containsPattern("UDP media 127\\.0\\.0\\.1:" + environmentMedia + "\\b");
    }

    /** A TCP port the system just handed out as ephemeral, closed again for the relay to bind. */
    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The first of {@code count} consecutive free UDP ports (the relay binds one per media loop), starting at an
     * ephemeral port the system chose; closed again for the relay to bind.
     */
    private static int freeUdpPorts(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            List<DatagramSocket> held = new ArrayList<>();
            try {
                DatagramSocket first = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                held.add(first);
                int port = first.getLocalPort();
                if (port + count - 1 > 0xFFFF) {
                    continue;
                }
                for (int i = 1; i < count; i++) {
                    held.add(new DatagramSocket(port + i, InetAddress.getLoopbackAddress()));
                }
                return port;
            } catch (SocketException taken) {
                // One of the following ports is in use: start again from another ephemeral port.
            } finally {
                held.forEach(DatagramSocket::close);
            }
        }
        throw new IOException("no " + count + " consecutive free UDP ports");
    }

    @Test
    void aWildcardBindWithoutAnnouncedAddressIsAOneLineError() {
        environment = Map.of("LIVEKIT_API_KEY", "APIprod",
                "LIVEKIT_API_SECRET", "a-real-secret-of-32-characters-or-more");
        assertThat(run("serve", "--bind", "0.0.0.0", "--http-port", "0", "--media-port", "0", "--exit-after-start"))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("relay serve: ").contains("media.announced_address").hasLineCount(1);
    }

    @Test
    void badConfigurationFileIsAClearError(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("relay.yaml"), "media:\n  prot: 9101\n");
        assertThat(run("serve", "--config", yaml.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("relay.yaml: unknown setting media.prot");
    }
}
