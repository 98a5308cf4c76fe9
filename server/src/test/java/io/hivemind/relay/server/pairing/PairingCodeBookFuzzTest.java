package io.hivemind.relay.server.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;

/**
 * Any text typed as a pairing code is either the issued code (redeemed once) or refused with a pairing error code,
 * never another exception. Regression mode replays
 * src/test/resources/io/hivemind/relay/server/pairing/PairingCodeBookFuzzTestInputs/redeem/.
 * Fuzzing: {@code JAZZER_FUZZ=1 mvn -o -pl server -am test -Dtest=PairingCodeBookFuzzTest#redeem}.
 */
class PairingCodeBookFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @FuzzTest(maxDuration = "30s")
    void redeem(byte[] data) {
        PairingCodeBook book = new PairingCodeBook(new SecureRandom());
        String issued = book.issue(NOW);
        String typed = new String(data, StandardCharsets.UTF_8);
        boolean matches = typed.length() <= 4 * PairingCodeBook.LENGTH
                && typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT).equals(issued);
        try {
            book.redeem(typed, NOW);
            assertThat(matches).as("only the issued code redeems").isTrue();
        } catch (SignalingException refused) {
            assertThat(matches).isFalse();
            assertThat(refused.code()).isEqualTo(ErrorCode.PAIRING_CODE_INVALID);
        }
        assertThat(book.size()).isEqualTo(1);
    }
}
