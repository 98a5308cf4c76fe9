package io.hivemind.relay.hub.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AskComputerAgentToolTest {

    static Stream<Arguments> arguments() {
        return Stream.of(
                Arguments.of("plain", "{\"request\":\"run the tests\"}", Optional.of("run the tests")),
                Arguments.of("stripped", "{\"request\":\"  git status \\n\"}", Optional.of("git status")),
                Arguments.of("blank", "{\"request\":\"  \"}", Optional.empty()),
                Arguments.of("not a string", "{\"request\":3}", Optional.empty()),
                Arguments.of("missing", "{\"query\":\"x\"}", Optional.empty()),
                Arguments.of("not an object", "[\"request\"]", Optional.empty()),
                Arguments.of("not JSON", "request=x", Optional.empty()),
                Arguments.of("empty", "", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arguments")
    void readsTheRequest(String name, String json, Optional<String> expected) {
        assertThat(AskComputerAgentTool.request(json)).isEqualTo(expected);
    }
}
