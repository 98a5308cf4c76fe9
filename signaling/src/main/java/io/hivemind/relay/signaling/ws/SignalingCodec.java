package io.hivemind.relay.signaling.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.node.TextNode;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import io.hivemind.relay.signaling.rest.JsonCodec;

/**
 * Text frame to {@link ClientMessage} and {@link ServerMessage} to text frame, strictly: unknown {@code type} is
 * {@link ErrorCode#UNKNOWN_TYPE}; anything else wrong (not JSON, missing type, unknown or missing field, wrong
 * value type, trailing data) is {@link ErrorCode#BAD_JSON}. Error messages are fixed and never quote the input.
 */
public final class SignalingCodec {

    private static final ObjectReader READER = JsonCodec.mapper().readerFor(ClientMessage.class);
    private static final ObjectWriter WRITER = JsonCodec.mapper().writerFor(ServerMessage.class);

    private SignalingCodec() {
    }

    public static ClientMessage decode(String text) {
        try {
            JsonNode tree = JsonCodec.mapper().readTree(text);
            if (tree == null || !tree.isObject()) {
                throw new SignalingException(ErrorCode.BAD_JSON, "message must be a JSON object");
            }
            if (!(tree.get("type") instanceof TextNode)) {
                throw new SignalingException(ErrorCode.BAD_JSON, "message has no type");
            }
            return READER.readValue(tree);
        } catch (InvalidTypeIdException e) {
            if (e.getTypeId() == null) {
                throw new SignalingException(ErrorCode.BAD_JSON, "message has no type");
            }
            throw new SignalingException(ErrorCode.UNKNOWN_TYPE, "unknown message type");
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new SignalingException(ErrorCode.BAD_JSON, "message is not valid");
        }
    }

    public static String encode(ServerMessage message) {
        try {
            return WRITER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + message.getClass().getSimpleName(), e);
        }
    }
}
