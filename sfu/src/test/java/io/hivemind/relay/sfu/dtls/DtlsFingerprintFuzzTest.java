package io.hivemind.relay.sfu.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds arbitrary text (UTF-8 decoded) to {@link DtlsFingerprint#parse}. Invariants: either a clear
 * {@link IllegalArgumentException} or a fingerprint of the algorithm's length whose SDP form parses back to itself;
 * never another exception.
 *
 * <p>Regression mode runs the seeds in {@code DtlsFingerprintFuzzTestInputs/parse}. Fuzzing mode:
 * {@code JAZZER_FUZZ=1 mvn -o -pl sfu test -Dtest=DtlsFingerprintFuzzTest#parse}.
 */
class DtlsFingerprintFuzzTest {

    @FuzzTest
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        DtlsFingerprint parsed;
        try {
            parsed = DtlsFingerprint.parse(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(parsed.hash()).isNotEmpty();
        assertThat(DtlsFingerprint.parse(parsed.toSdp())).isEqualTo(parsed);
    }

    /** Seeds: a valid fingerprint of each hash function, then truncations and single-character substitutions. */
    @Test
    void generatedSeedsAndMutations() {
        Random random = new Random(8122);
        String alphabet = "0123456789abcdefABCDEFgG: -\t\u00e9";
        for (DtlsFingerprint.Algorithm algorithm : DtlsFingerprint.Algorithm.values()) {
            String valid = DtlsFingerprint.of(algorithm, DtlsFixture.SERVER_CERTIFICATE.der()).toSdp();
            parse(valid.getBytes(StandardCharsets.UTF_8));
            for (int length = 0; length < valid.length(); length += 3) {
                parse(valid.substring(0, length).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 64; i++) {
                char[] chars = valid.toCharArray();
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
                parse(new String(chars).getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
