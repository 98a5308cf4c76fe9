package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RelayConfigLoaderTest {
    private static final String SECRET = "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t";

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        return Files.writeString(dir.resolve("relay.yaml"), text);
    }

    @Test
    void fullFile() throws IOException {
        RelayConfig c = new RelayConfigLoader().file(yaml("""
                bind: 0.0.0.0
                data_dir: /var/lib/relay
                http:
                  port: 443
                  tls_cert: /etc/relay/cert.pem
                  tls_key: /etc/relay/key.pem
                media:
                  port: 50000
                  announced_address: 203.0.113.9
                  consent_timeout: 10s
                keys:
                  APIprod: %s
                """.formatted(SECRET))).load();
        assertThat(c.bindHost()).isEqualTo("0.0.0.0");
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/relay"));
        assertThat(c.httpPort()).isEqualTo(443);
        assertThat(c.tls()).isEqualTo(new RelayConfig.TlsFiles(Path.of("/etc/relay/cert.pem"),
                Path.of("/etc/relay/key.pem")));
        assertThat(c.mediaPort()).isEqualTo(50000);
        assertThat(c.mediaAddressForCandidates()).isEqualTo("203.0.113.9");
        assertThat(c.consentTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.apiKeys().keys()).containsExactly("APIprod");
    }

    @Test
    void emptyFileAndNoEnvironmentGiveTheDefaults() throws IOException {
        assertThat(new RelayConfigLoader().file(yaml("")).environment(Map.of()).load())
                .isEqualTo(RelayConfig.defaults());
    }

    @Test
    void environmentWinsOverFileAndFlagsWinOverEnvironment() throws IOException {
        RelayConfig c = new RelayConfigLoader()
                .file(yaml("http:\n  port: 1000\nmedia:\n  port: 1001\ndata_dir: from-file\n"))
                .environment(Map.of("RELAY_HTTP_PORT", "2000", "RELAY_MEDIA_PORT", "2001", "UNRELATED", "x"))
                .flag("media.port", 3001, "--media-port")
                .load();
        assertThat(c.httpPort()).isEqualTo(2000);
        assertThat(c.mediaPort()).isEqualTo(3001);
        assertThat(c.dataDir()).isEqualTo(Path.of("from-file"));
    }

    @Test
    void liveKitVariablesProvideTheKey() {
        RelayConfig c = new RelayConfigLoader()
                .environment(Map.of("LIVEKIT_API_KEY", "APIlk", "LIVEKIT_API_SECRET", SECRET, "RELAY_BIND", "0.0.0.0"))
                .load();
        assertThat(c.apiKeys().keys()).containsExactly("APIlk");
        assertThat(c.apiKeys().isDevelopment()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durations")
    void durationsWithUnits(String text, Duration expected) {
        assertThat(new RelayConfigLoader().environment(Map.of("RELAY_CONSENT_TIMEOUT", text)).load()
                .consentTimeout()).isEqualTo(expected);
    }

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of("45", Duration.ofSeconds(45)),
                Arguments.of("45s", Duration.ofSeconds(45)),
                Arguments.of("1500ms", Duration.ofMillis(1500)),
                Arguments.of("2m", Duration.ofMinutes(2)),
                Arguments.of("1h", Duration.ofHours(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputNamesTheSettingAndItsSource(String name, String fileText, Map<String, String> env, String message)
            throws IOException {
        RelayConfigLoader loader = new RelayConfigLoader();
        assertThatThrownBy(() -> {
            if (fileText != null) {
                loader.file(yaml(fileText));
            }
            loader.environment(env).load();
        }).isInstanceOf(ConfigException.class).hasMessageContaining(message).hasMessageNotContaining(SECRET);
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("typo in a section", "media:\n  prot: 1\n", Map.of(), "unknown setting media.prot"),
                Arguments.of("unknown section", "rtc:\n  port: 1\n", Map.of(), "unknown setting rtc"),
                Arguments.of("not YAML", "http: [1, 2\n", Map.of(), "not valid YAML"),
                Arguments.of("top level list", "- 1\n", Map.of(), "top level must be a mapping"),
                Arguments.of("port not a number", null, Map.of("RELAY_HTTP_PORT", "eighty"),
                        "http.port from environment RELAY_HTTP_PORT: not a port number, got 'eighty'"),
                Arguments.of("port out of range", "media:\n  port: 70000\n", Map.of(),
                        "media port must be 0..65535, got 70000"),
                Arguments.of("bad duration", null, Map.of("RELAY_CONSENT_TIMEOUT", "soon"), "not a duration"),
                Arguments.of("too short consent", null, Map.of("RELAY_CONSENT_TIMEOUT", "10ms"), "at least 1 s"),
                Arguments.of("half a LiveKit pair", null, Map.of("LIVEKIT_API_KEY", "k"),
                        "must be set together"),
                Arguments.of("short secret", "keys:\n  APIk: short\n", Map.of(), "shorter than 32 bytes"),
                Arguments.of("nested key value", "keys:\n  APIk:\n    a: " + SECRET + "\n", Map.of(),
                        "keys.APIk must be a secret string"),
                Arguments.of("TLS key without certificate", "http:\n  tls_key: k.pem\n", Map.of(),
                        "http.tls_cert must be set"),
                Arguments.of("development key on a public address", "bind: 0.0.0.0\n", Map.of(), "loopback"));
    }
}
