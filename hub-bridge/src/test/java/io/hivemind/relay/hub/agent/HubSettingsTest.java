package io.hivemind.relay.hub.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hub client's settings from the environment. */
class HubSettingsTest {

    private static final String TOKEN = "tok-5b1e0c9d";

    @Test
    void noUrlMeansNoHub() {
        assertThat(HubSettings.fromEnvironment(Map.of())).isEmpty();
        assertThat(HubSettings.fromEnvironment(Map.of("HIVEMIND_HUB_URL", " ", "HIVEMIND_HUB_TOKEN", TOKEN)))
                .isEmpty();
    }

    @Test
    void urlAndTokenSelectTheHubWithDefaultLimits() {
        HubSettings settings = HubSettings.fromEnvironment(
                Map.of("HIVEMIND_HUB_URL", "https://hub.example/api", "HIVEMIND_HUB_TOKEN", TOKEN)).orElseThrow();

        assertThat(settings).isEqualTo(new HubSettings(URI.create("https://hub.example/api"), TOKEN));
        assertThat(settings.askTimeout()).isEqualTo(HubSettings.DEFAULT_ASK_TIMEOUT);
        assertThat(settings.toString()).contains("https://hub.example/api", "token=***").doesNotContain(TOKEN);
    }

    static Stream<Arguments> unusableEnvironments() {
        return Stream.of(
                Arguments.of("URL without token", Map.of("HIVEMIND_HUB_URL", "https://hub.example"),
                        "HIVEMIND_HUB_TOKEN must be set when HIVEMIND_HUB_URL is"),
                Arguments.of("not a URL", Map.of("HIVEMIND_HUB_URL", "http://exa mple", "HIVEMIND_HUB_TOKEN", TOKEN),
                        "HIVEMIND_HUB_URL: not a URL"),
                Arguments.of("ftp URL", Map.of("HIVEMIND_HUB_URL", "ftp://hub.example", "HIVEMIND_HUB_TOKEN", TOKEN),
                        "HIVEMIND_HUB_URL: hub URL must be http:// or https://"),
                Arguments.of("no host", Map.of("HIVEMIND_HUB_URL", "https:///api", "HIVEMIND_HUB_TOKEN", TOKEN),
                        "HIVEMIND_HUB_URL: hub URL must be http:// or https:// with a host"),
                Arguments.of("user info", Map.of("HIVEMIND_HUB_URL", "https://me:pw@hub.example",
                        "HIVEMIND_HUB_TOKEN", TOKEN), "HIVEMIND_HUB_URL: hub URL must not hold user info"),
                Arguments.of("query", Map.of("HIVEMIND_HUB_URL", "https://hub.example/?x=1",
                        "HIVEMIND_HUB_TOKEN", TOKEN), "must not hold user info, a query or a fragment"),
                Arguments.of("token with a space", Map.of("HIVEMIND_HUB_URL", "https://hub.example",
                        "HIVEMIND_HUB_TOKEN", "tok 5b1e"), "HIVEMIND_HUB_TOKEN: hub token must be"),
                Arguments.of("token with a newline", Map.of("HIVEMIND_HUB_URL", "https://hub.example",
                        "HIVEMIND_HUB_TOKEN", "tok\r\nX-Injected: 1"), "HIVEMIND_HUB_TOKEN: hub token must be"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableEnvironments")
    void unusableSettingsAreRefusedWithoutShowingTheToken(String name, Map<String, String> environment,
                                                          String problem) {
        assertThatThrownBy(() -> HubSettings.fromEnvironment(environment))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem)
                .hasMessageNotContaining("5b1e")
                .hasMessageNotContaining("Injected");
    }
}
