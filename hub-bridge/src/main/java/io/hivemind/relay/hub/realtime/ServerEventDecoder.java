package io.hivemind.relay.hub.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivemind.relay.hub.realtime.DecodeResult.DecodeError;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads one text message from the Realtime server into a {@link RealtimeServerEvent}. It never throws on input: bad
 * JSON, a missing or mistyped field, or undecodable audio give a {@link DecodeResult.Failed}; an unknown type gives
 * {@link RealtimeServerEvent.Ignored}. Only the fields the relay uses are checked, so additions to the protocol and
 * the nulls real servers send in fields we do not read pass through (lenient on server events, as the protocol's
 * own schema is not exact about them).
 */
public final class ServerEventDecoder {

    private static final Map<String, Function<JsonNode, RealtimeServerEvent>> DECODERS = Map.ofEntries(
            Map.entry("session.created", json -> new RealtimeServerEvent.SessionCreated(sessionId(json))),
            Map.entry("session.updated", json -> new RealtimeServerEvent.SessionUpdated(sessionId(json))),
            Map.entry("error", ServerEventDecoder::error),
            Map.entry("input_audio_buffer.speech_started", json -> new RealtimeServerEvent.SpeechStarted(
                    integer(json, "audio_start_ms"), text(json, "item_id"))),
            Map.entry("input_audio_buffer.speech_stopped", json -> new RealtimeServerEvent.SpeechStopped(
                    integer(json, "audio_end_ms"), text(json, "item_id"))),
            Map.entry("conversation.item.input_audio_transcription.delta",
                    json -> new RealtimeServerEvent.InputTranscriptDelta(text(json, "item_id"),
                            optionalIndex(json, "content_index"), optionalText(json, "delta", ""))),
            Map.entry("conversation.item.input_audio_transcription.completed",
                    json -> new RealtimeServerEvent.InputTranscriptCompleted(text(json, "item_id"),
                            index(json, "content_index"), text(json, "transcript"))),
            Map.entry("response.created", json -> new RealtimeServerEvent.ResponseCreated(
                    text(object(json, "response"), "id", "response.id"))),
            Map.entry("response.output_audio.delta", json -> new RealtimeServerEvent.OutputAudioDelta(
                    text(json, "response_id"), text(json, "item_id"), index(json, "output_index"),
                    index(json, "content_index"), audio(json))),
            Map.entry("response.output_audio.done", json -> new RealtimeServerEvent.OutputAudioDone(
                    text(json, "response_id"), text(json, "item_id"))),
            Map.entry("response.output_audio_transcript.delta", json -> new RealtimeServerEvent.OutputTranscriptDelta(
                    text(json, "response_id"), text(json, "item_id"), text(json, "delta"))),
            Map.entry("response.output_audio_transcript.done", json -> new RealtimeServerEvent.OutputTranscriptDone(
                    text(json, "response_id"), text(json, "item_id"), text(json, "transcript"))),
            Map.entry("response.function_call_arguments.done",
                    json -> new RealtimeServerEvent.FunctionCallArgumentsDone(text(json, "response_id"),
                            text(json, "item_id"), text(json, "call_id"), text(json, "name"),
                            text(json, "arguments"))),
            Map.entry("response.done", ServerEventDecoder::responseDone));

    private ServerEventDecoder() {
    }

    /** The event in {@code text}, or why there is none. Never throws. */
    public static DecodeResult decode(String text) {
        JsonNode json;
        try {
            json = RealtimeJson.MAPPER.readTree(text);
        } catch (IOException | RuntimeException e) {
            return new DecodeResult.Failed(DecodeError.NOT_JSON, null, null);
        }
        if (json == null || json.isMissingNode()) {
            return new DecodeResult.Failed(DecodeError.NOT_JSON, null, null);
        }
        if (!json.isObject()) {
            return new DecodeResult.Failed(DecodeError.NOT_AN_OBJECT, null, null);
        }
        JsonNode type = json.get("type");
        if (type == null || !type.isTextual()) {
            return new DecodeResult.Failed(DecodeError.NO_TYPE, null, null);
        }
        Function<JsonNode, RealtimeServerEvent> decoder = DECODERS.get(type.textValue());
        if (decoder == null) {
            return new DecodeResult.Decoded(new RealtimeServerEvent.Ignored(type.textValue()));
        }
        try {
            return new DecodeResult.Decoded(decoder.apply(json));
        } catch (FieldException e) {
            return new DecodeResult.Failed(e.error, type.textValue(), e.field);
        }
    }

    private static RealtimeServerEvent error(JsonNode json) {
        JsonNode error = object(json, "error");
        return new RealtimeServerEvent.ServerError(text(error, "type", "error.type"),
                optionalText(error, "code", null), text(error, "message", "error.message"),
                optionalText(error, "param", null), optionalText(error, "event_id", null));
    }

    private static RealtimeServerEvent responseDone(JsonNode json) {
        JsonNode response = object(json, "response");
        JsonNode details = response.get("status_details");
        String reason = details != null && details.isObject() ? optionalText(details, "reason", null) : null;
        return new RealtimeServerEvent.ResponseDone(text(response, "id", "response.id"),
                optionalText(response, "status", null), reason);
    }

    private static String sessionId(JsonNode json) {
        return optionalText(object(json, "session"), "id", null);
    }

    private static byte[] audio(JsonNode json) {
        String delta = text(json, "delta");
        try {
            return Base64.getDecoder().decode(delta);
        } catch (IllegalArgumentException e) {
            throw new FieldException(DecodeError.BAD_AUDIO, "delta");
        }
    }

    private static JsonNode object(JsonNode json, String field) {
        JsonNode value = present(json, field, field);
        if (!value.isObject()) {
            throw new FieldException(DecodeError.WRONG_TYPE, field);
        }
        return value;
    }

    private static String text(JsonNode json, String field) {
        return text(json, field, field);
    }

    private static String text(JsonNode json, String field, String path) {
        JsonNode value = present(json, field, path);
        if (!value.isTextual()) {
            throw new FieldException(DecodeError.WRONG_TYPE, path);
        }
        return value.textValue();
    }

    private static String optionalText(JsonNode json, String field, String absent) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isTextual()) {
            throw new FieldException(DecodeError.WRONG_TYPE, field);
        }
        return value.textValue();
    }

    private static long integer(JsonNode json, String field) {
        JsonNode value = present(json, field, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new FieldException(DecodeError.WRONG_TYPE, field);
        }
        return value.longValue();
    }

    private static int index(JsonNode json, String field) {
        long value = integer(json, field);
        if (value > Integer.MAX_VALUE) {
            throw new FieldException(DecodeError.WRONG_TYPE, field);
        }
        return (int) value;
    }

    private static int optionalIndex(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? 0 : index(json, field);
    }

    private static JsonNode present(JsonNode json, String field, String path) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw new FieldException(DecodeError.MISSING_FIELD, path);
        }
        return value;
    }

    /** A field problem, unwound to {@link #decode} without a stack trace (it is an expected outcome). */
    private static final class FieldException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final transient DecodeError error;
        final String field;

        FieldException(DecodeError error, String field) {
            super(field, null, false, false);
            this.error = error;
            this.field = field;
        }
    }
}
