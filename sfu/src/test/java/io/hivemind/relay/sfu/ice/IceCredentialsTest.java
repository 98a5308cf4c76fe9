package io.hivemind.relay.sfu.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IceCredentialsTest {

    @Test
    void randomCredentialsAreIceCharsOfTheRequiredLengthsAndDistinct() {
        SecureRandom random = new SecureRandom();
        Set<String> ufrags = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            IceCredentials credentials = IceCredentials.random(random);
            assertThat(credentials.ufrag()).matches("[A-Za-z0-9+/]{4,}");
            assertThat(credentials.password()).matches("[A-Za-z0-9+/]{22,}");
            ufrags.add(credentials.ufrag());
        }
        assertThat(ufrags).hasSize(200);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("ufrag too short", "abc", "0123456789012345678901"),
                Arguments.of("password too short", "abcd", "012345678901234567890"),
                Arguments.of("ufrag with a colon", "ab:cd", "0123456789012345678901"),
                Arguments.of("password with a space", "abcd", "01234567890 2345678901"),
                Arguments.of("null ufrag", null, "0123456789012345678901"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesWhatIsNotIceChars(String name, String ufrag, String password) {
        assertThatThrownBy(() -> new IceCredentials(ufrag, password))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(String.valueOf(password)));
    }
}
