package io.hivemind.relay.hub.realtime;

/**
 * The GA server events the relay acts on, reduced to the fields it uses; {@link ServerEventDecoder} reads them.
 * Every other event type decodes to {@link Ignored} so that it can be counted without being handled. Nullable
 * fields say so; every other field is present on the wire (the decoder fails the event otherwise).
 */
public sealed interface RealtimeServerEvent {

    /** {@code session.created}: the first event of every new session. {@code sessionId} may be null. */
    record SessionCreated(String sessionId) implements RealtimeServerEvent {
    }

    /** {@code session.updated}: a {@code session.update} was applied. */
    record SessionUpdated(String sessionId) implements RealtimeServerEvent {
    }

    /**
     * {@code error}. {@code code}, {@code param} and {@code clientEventId} (the {@code event_id} of the client event
     * that caused it) may be null. Most errors leave the session open.
     */
    record ServerError(String errorType, String code, String message, String param, String clientEventId)
            implements RealtimeServerEvent {

        /** True when the session hit its maximum duration and the server is closing it. */
        public boolean sessionExpired() {
            return "session_expired".equals(code);
        }
    }

    /** {@code input_audio_buffer.speech_started}: someone started talking ({@code itemId} is their future item). */
    record SpeechStarted(long audioStartMs, String itemId) implements RealtimeServerEvent {
    }

    /** {@code input_audio_buffer.speech_stopped}. */
    record SpeechStopped(long audioEndMs, String itemId) implements RealtimeServerEvent {
    }

    /** {@code conversation.item.input_audio_transcription.delta}: part of the caller's transcript. */
    record InputTranscriptDelta(String itemId, int contentIndex, String delta) implements RealtimeServerEvent {
    }

    /** {@code conversation.item.input_audio_transcription.completed}: the caller's whole turn as text. */
    record InputTranscriptCompleted(String itemId, int contentIndex, String transcript)
            implements RealtimeServerEvent {
    }

    /** {@code response.created}: a response began; only one may be active at a time. */
    record ResponseCreated(String responseId) implements RealtimeServerEvent {
    }

    /**
     * {@code response.output_audio.delta}: audio in the session's output format (PCM16 LE 24 kHz mono), decoded
     * from base64 once by the decoder. The listener owns {@code pcm}; records compare it by identity.
     */
    record OutputAudioDelta(String responseId, String itemId, int outputIndex, int contentIndex, byte[] pcm)
            implements RealtimeServerEvent {

        @Override
        public String toString() {
            return "OutputAudioDelta[responseId=" + responseId + ", itemId=" + itemId + ", bytes=" + pcm.length + "]";
        }
    }

    /** {@code response.output_audio.done}: no more audio for this item (also on interruption). */
    record OutputAudioDone(String responseId, String itemId) implements RealtimeServerEvent {
    }

    /** {@code response.output_audio_transcript.delta}: part of what the agent is saying. */
    record OutputTranscriptDelta(String responseId, String itemId, String delta) implements RealtimeServerEvent {
    }

    /** {@code response.output_audio_transcript.done}: the whole transcript of an audio item. */
    record OutputTranscriptDone(String responseId, String itemId, String transcript)
            implements RealtimeServerEvent {
    }

    /** {@code response.function_call_arguments.done}: the model called {@code name} with {@code arguments} JSON. */
    record FunctionCallArgumentsDone(String responseId, String itemId, String callId, String name,
            String arguments) implements RealtimeServerEvent {
    }

    /**
     * {@code response.done}: the response ended. {@code status} is {@code completed}, {@code cancelled},
     * {@code failed} or {@code incomplete} (null if absent); {@code reason} (may be null) says why, for example
     * {@code turn_detected} for a barge-in.
     */
    record ResponseDone(String responseId, String status, String reason) implements RealtimeServerEvent {
    }

    /** Any other event type: valid JSON with a {@code type}, not acted on. */
    record Ignored(String type) implements RealtimeServerEvent {
    }
}
