package io.hivemind.relay.signaling.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Any string either verifies as a grant or fails with a token error code; never another exception, and the
 * message never carries the secret.
 * Regression mode replays src/test/resources/io/hivemind/relay/signaling/auth/TokenServiceFuzzTestInputs/verify/.
 * Fuzzing: {@code JAZZER_FUZZ=1 mvn -o -pl signaling -am test -Dtest=TokenServiceFuzzTest#verify}.
 */
class TokenServiceFuzzTest {

    private final TokenService tokens = TokenServiceTest.service();

    @FuzzTest(maxDuration = "30s")
    void verify(byte[] data) {
        String token = new String(data, StandardCharsets.US_ASCII);
        try {
            AccessGrant grant = tokens.verify(token);
            assertThat(grant.apiKey()).isEqualTo(TokenServiceTest.KEY);
        } catch (SignalingException e) {
            assertThat(e.code()).isIn(ErrorCode.TOKEN_MISSING, ErrorCode.TOKEN_INVALID, ErrorCode.TOKEN_EXPIRED,
                    ErrorCode.TOKEN_NOT_YET_VALID, ErrorCode.UNKNOWN_API_KEY);
            assertThat(e.getMessage()).doesNotContain(TokenServiceTest.SECRET);
        }
    }

    @Test
    void generatedSeedsAndMutations() {
        Random random = new Random(0x4A5754L);
        List<String> seeds = List.of(
                tokens.mint(tokens.grantFor(TokenServiceTest.KEY, "alice", "Alice", Duration.ofMinutes(5),
                        VideoGrant.join("blue"))),
                tokens.mint(tokens.grantFor(TokenServiceTest.KEY, "ops", null, Duration.ofMinutes(5),
                        VideoGrant.admin())));
        int fed = 0;
        int accepted = 0;
        for (String seed : seeds) {
            byte[] bytes = seed.getBytes(StandardCharsets.US_ASCII);
            List<byte[]> variants = new ArrayList<>();
            variants.add(bytes);
            for (int length = 0; length < bytes.length; length += 3) {
                variants.add(java.util.Arrays.copyOf(bytes, length));
            }
            for (int i = 0; i < 300; i++) {
                byte[] mutated = bytes.clone();
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(128);
                variants.add(mutated);
            }
            for (byte[] variant : variants) {
                verify(variant);
                fed++;
                try {
                    tokens.verify(new String(variant, StandardCharsets.US_ASCII));
                    accepted++;
                } catch (SignalingException refused) {
                    // counted by the assertion below: most mutations must be refused
                }
            }
        }
        assertThat(fed).isGreaterThan(500);
        assertThat(accepted).isGreaterThanOrEqualTo(2).isLessThan(fed / 4);
    }
}
