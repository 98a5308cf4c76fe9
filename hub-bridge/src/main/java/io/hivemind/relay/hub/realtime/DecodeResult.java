package io.hivemind.relay.hub.realtime;

/** What {@link ServerEventDecoder} made of one text message: an event, or why there is none. */
public sealed interface DecodeResult {

    /** A decoded event. */
    record Decoded(RealtimeServerEvent event) implements DecodeResult {
    }

    /**
     * The message was not a valid event. {@code field} names the offending field as a fixed path from our own code
     * (never text from the message), or is null for whole-message problems; {@code eventType} is the wire name when
     * the type was one we decode, else null.
     */
    record Failed(DecodeError error, String eventType, String field) implements DecodeResult {
    }

    /** Why a message did not decode. */
    enum DecodeError {
        /** Not JSON, truncated, trailing content, or beyond the size and nesting limits. */
        NOT_JSON,
        /** JSON, but not an object. */
        NOT_AN_OBJECT,
        /** No string {@code type}. */
        NO_TYPE,
        /** A field the event needs is absent or null. */
        MISSING_FIELD,
        /** A field has the wrong JSON type (or an integer out of range). */
        WRONG_TYPE,
        /** Audio that is not valid base64. */
        BAD_AUDIO
    }
}
