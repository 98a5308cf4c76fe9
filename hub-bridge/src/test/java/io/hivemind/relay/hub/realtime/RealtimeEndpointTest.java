package io.hivemind.relay.hub.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RealtimeEndpointTest {

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("OpenAI default", "wss://api.openai.com/v1/realtime", "gpt-realtime",
                        "wss://api.openai.com/v1/realtime?model=gpt-realtime",
                        "https://api.openai.com/v1/realtime/client_secrets", 443),
                Arguments.of("local plain endpoint", "ws://127.0.0.1:8123/v1/realtime", "gpt-realtime-mini",
                        "ws://127.0.0.1:8123/v1/realtime?model=gpt-realtime-mini",
                        "http://127.0.0.1:8123/v1/realtime/client_secrets", 8123),
                Arguments.of("proxy with a prefix and a trailing slash", "wss://gw.example/openai/v1/realtime/",
                        "m", "wss://gw.example/openai/v1/realtime/?model=m",
                        "https://gw.example/openai/v1/realtime/client_secrets", 443),
                Arguments.of("existing query and a model to escape", "ws://h/v1/realtime?x=1", "a b&c",
                        "ws://h/v1/realtime?x=1&model=a+b%26c", "http://h/v1/realtime/client_secrets", 80));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void derivesUris(String name, String base, String model, String webSocket, String secrets, int port) {
        RealtimeEndpoint endpoint = new RealtimeEndpoint(URI.create(base), model);
        assertThat(endpoint.webSocketUri()).hasToString(webSocket);
        assertThat(endpoint.clientSecretsUri()).hasToString(secrets);
        assertThat(endpoint.port()).isEqualTo(port);
    }

    @Test
    void defaultsAreTheGaEndpointAndModel() {
        assertThat(RealtimeEndpoint.openAi().webSocketUri())
                .hasToString("wss://api.openai.com/v1/realtime?model=gpt-realtime");
        assertThat(RealtimeEndpoint.openAi().secure()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://api.openai.com/v1/realtime", "wss:///v1/realtime", "ws://u:p@h/v1/realtime",
            "ws://h/v1/realtime#f"})
    void refusesBaseUrlsThatCannotWork(String base) {
        assertThatThrownBy(() -> new RealtimeEndpoint(URI.create(base), "m"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
