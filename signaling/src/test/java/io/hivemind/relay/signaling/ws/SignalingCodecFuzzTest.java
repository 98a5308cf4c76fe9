package io.hivemind.relay.signaling.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Any text either decodes to a client message or fails with bad_json / unknown_type; negotiation messages
 * re-encode to text that decodes to the same message.
 * Regression mode replays src/test/resources/io/hivemind/relay/signaling/ws/SignalingCodecFuzzTestInputs/decode/.
 * Fuzzing: {@code JAZZER_FUZZ=1 mvn -o -pl signaling -am test -Dtest=SignalingCodecFuzzTest#decode}.
 */
class SignalingCodecFuzzTest {

    private static final List<String> SEEDS = List.of(
            "{\"type\":\"join\",\"token\":\"a.b.c\"}", "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}",
            "{\"type\":\"answer\",\"sdp\":\"v=0\"}", "{\"type\":\"trickle\",\"candidate\":\"c\",\"sdpMid\":\"0\","
                    + "\"sdpMLineIndex\":0}", "{\"type\":\"mute\",\"trackSid\":\"TR\",\"muted\":true}",
            "{\"type\":\"leave\"}", "{\"type\":\"ping\"}");

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        ClientMessage message;
        try {
            message = SignalingCodec.decode(text);
        } catch (SignalingException e) {
            assertThat(e.code()).isIn(ErrorCode.BAD_JSON, ErrorCode.UNKNOWN_TYPE);
            return;
        }
        assertThat(message).isNotNull();
        if (message instanceof ServerMessage both) {
            assertThat(SignalingCodec.decode(SignalingCodec.encode(both))).isEqualTo(message);
        }
    }

    @Test
    void generatedSeedsAndMutations() {
        Random random = new Random(0x57534A53L);
        int fed = 0;
        for (String seed : SEEDS) {
            byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
            List<byte[]> variants = new ArrayList<>();
            variants.add(bytes);
            for (int length = 0; length < bytes.length; length++) {
                variants.add(java.util.Arrays.copyOf(bytes, length));
            }
            for (int i = 0; i < 300; i++) {
                byte[] mutated = bytes.clone();
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                variants.add(mutated);
            }
            for (byte[] variant : variants) {
                decode(variant);
                fed++;
            }
        }
        assertThat(fed).isGreaterThan(2000);
    }
}
