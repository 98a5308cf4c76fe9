package io.hivemind.relay.hub.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiSecretTest {

    static Stream<Arguments> environments() {
        return Stream.of(
                Arguments.of("realtime key wins", Map.of("OPENAI_REALTIME_KEY", "sk-rt", "OPENAI_API_KEY", "sk-api"),
                        Optional.of("sk-rt")),
                Arguments.of("api key as fallback", Map.of("OPENAI_API_KEY", "sk-api"), Optional.of("sk-api")),
                Arguments.of("blank realtime key falls back", Map.of("OPENAI_REALTIME_KEY", " ",
                        "OPENAI_API_KEY", "sk-api"), Optional.of("sk-api")),
                Arguments.of("no key", Map.of("HOME", "/root"), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environments")
    void picksTheKey(String name, Map<String, String> environment, Optional<String> expected) {
        assertThat(ApiSecret.fromEnvironment(environment).map(ApiSecret::reveal)).isEqualTo(expected);
    }

    @Test
    void neverPrintsItself() {
        ApiSecret secret = ApiSecret.of("sk-very-secret");
        assertThat(secret.toString()).doesNotContain("sk-very-secret");
        assertThat(new ClientSecret(secret, java.time.Instant.EPOCH, "gpt-realtime").toString())
                .doesNotContain("sk-very-secret");
        assertThatThrownBy(() -> ApiSecret.of("  ")).hasMessageNotContaining("  ");
    }
}
