package io.hivemind.relay.server;

import io.hivemind.relay.signaling.auth.ApiKeyStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelayConfigTest {
    private static final ApiKeyStore REAL_KEYS = new ApiKeyStore(Map.of("APIkey", "0123456789abcdef0123456789abcdef"));

    private static RelayConfig config(String bind, int httpPort, int mediaPort, ApiKeyStore keys) {
        return new RelayConfig(bind, httpPort, mediaPort, null, Path.of("d"), keys, Duration.ofSeconds(30), null);
    }

    @Test
    void defaultsAreLoopbackDevSetup() {
        RelayConfig c = RelayConfig.defaults();
        assertThat(c.bindHost()).isEqualTo("127.0.0.1");
        assertThat(c.httpPort()).isEqualTo(7880);
        assertThat(c.mediaPort()).isEqualTo(7882);
        assertThat(c.dataDir()).isEqualTo(Path.of("data"));
        assertThat(c.apiKeys().isDevelopment()).isTrue();
        assertThat(c.consentTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.mediaAddressForCandidates()).isEqualTo("127.0.0.1");
    }

    @Test
    void rejectsCollidingPorts() {
        assertThatThrownBy(() -> config("127.0.0.1", 7000, 7000, REAL_KEYS)).hasMessageContaining("must differ");
    }

    @Test
    void rejectsBlankHost() {
        assertThatThrownBy(() -> config(" ", 1, 2, REAL_KEYS)).hasMessageContaining("bind host");
    }

    @Test
    void developmentKeyOnlyOnLoopback() {
        assertThat(config("::1", 1, 2, ApiKeyStore.development()).apiKeys().isDevelopment()).isTrue();
        assertThat(config("localhost", 1, 2, ApiKeyStore.development()).bindHost()).isEqualTo("localhost");
        assertThatThrownBy(() -> config("0.0.0.0", 1, 2, ApiKeyStore.development()))
                .hasMessageContaining("development API key may only be used on a loopback address");
        assertThatThrownBy(() -> config("relay.example.com", 1, 2, ApiKeyStore.development()))
                .hasMessageContaining("loopback");
        assertThat(config("0.0.0.0", 1, 2, REAL_KEYS).bindHost()).isEqualTo("0.0.0.0");
    }

    @Test
    void announcedAddressGoesIntoCandidates() {
        RelayConfig c = new RelayConfig("0.0.0.0", 1, 2, "203.0.113.7", Path.of("d"), REAL_KEYS,
                Duration.ofSeconds(30), null);
        assertThat(c.mediaAddressForCandidates()).isEqualTo("203.0.113.7");
    }

    @Test
    void shortSecretsAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> new ApiKeyStore(Map.of("APIkey", "short-secret")))
                .hasMessageContaining("APIkey").hasMessageContaining("32").hasMessageNotContaining("short-secret");
    }

    @Test
    void keysToStringRedactsSecrets() {
        assertThat(REAL_KEYS.toString()).contains("APIkey").doesNotContain("0123456789abcdef");
    }
}
