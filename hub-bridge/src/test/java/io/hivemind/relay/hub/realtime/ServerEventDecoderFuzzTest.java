package io.hivemind.relay.hub.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Any text decodes to an event or a typed failure, never an exception; failures name only known event types, and
 * the field they name is one of the decoder's own paths.
 * Regression mode replays
 * src/test/resources/io/hivemind/relay/hub/realtime/ServerEventDecoderFuzzTestInputs/decode/.
 * Fuzzing: {@code JAZZER_FUZZ=1 mvn -o -pl hub-bridge -am test -Dtest=ServerEventDecoderFuzzTest#decode}.
 */
class ServerEventDecoderFuzzTest {

    private static final List<String> SEEDS = List.of(
            "{\"type\":\"session.created\",\"session\":{\"id\":\"s\"}}",
            "{\"type\":\"error\",\"error\":{\"type\":\"t\",\"code\":\"session_expired\",\"message\":\"m\"}}",
            "{\"type\":\"input_audio_buffer.speech_started\",\"audio_start_ms\":5,\"item_id\":\"i\"}",
            "{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"i\","
                    + "\"content_index\":0,\"transcript\":\"t\"}",
            "{\"type\":\"response.output_audio.delta\",\"response_id\":\"r\",\"item_id\":\"i\",\"output_index\":0,"
                    + "\"content_index\":0,\"delta\":\"AAEC\"}",
            "{\"type\":\"response.function_call_arguments.done\",\"response_id\":\"r\",\"item_id\":\"i\","
                    + "\"call_id\":\"c\",\"name\":\"n\",\"arguments\":\"{}\"}",
            "{\"type\":\"response.done\",\"response\":{\"id\":\"r\",\"status_details\":{\"reason\":\"x\"}}}");

    private static final List<String> FIELDS = List.of("session", "error", "error.type", "error.message", "code",
            "param", "event_id", "audio_start_ms", "audio_end_ms", "item_id", "content_index", "delta",
            "transcript", "response", "response.id", "status", "reason", "response_id", "output_index", "call_id",
            "name", "arguments", "id");

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] data) {
        DecodeResult result = ServerEventDecoder.decode(new String(data, StandardCharsets.UTF_8));
        assertThat(result).isNotNull();
        if (result instanceof DecodeResult.Failed failed) {
            assertThat(failed.error()).isNotNull();
            if (failed.field() != null) {
                assertThat(FIELDS).contains(failed.field());
            }
            if (failed.eventType() != null) {
                assertThat(ServerEventDecoder.decode("{\"type\":\"" + failed.eventType() + "\"}"))
                        .isInstanceOf(DecodeResult.Failed.class);
            }
        } else {
            assertThat(((DecodeResult.Decoded) result).event()).isNotNull();
        }
    }

    @Test
    void generatedSeedsAndMutations() {
        Random random = new Random(0x5245414CL);
        int fed = 0;
        for (String seed : SEEDS) {
            byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
            List<byte[]> variants = new ArrayList<>();
            variants.add(bytes);
            for (int length = 0; length < bytes.length; length++) {
                variants.add(Arrays.copyOf(bytes, length));
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
