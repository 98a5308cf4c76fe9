package io.hivemind.relay.hub.realtime;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson mapper of the Realtime package. Server events are read as trees, so the limits that matter are
 * the stream ones: an audio delta can be a few hundred kilobytes of base64, nesting is never deep.
 */
final class RealtimeJson {

    /** Largest text frame or JSON string accepted from the Realtime server. */
    static final int MAX_MESSAGE_CHARS = 16 * 1024 * 1024;

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(MAX_MESSAGE_CHARS).maxNumberLength(64).build());
    }

    private RealtimeJson() {
    }
}
