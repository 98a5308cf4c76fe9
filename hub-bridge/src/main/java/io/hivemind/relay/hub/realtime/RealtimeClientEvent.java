package io.hivemind.relay.hub.realtime;

import java.util.Objects;

/** The GA client events the relay sends; {@link ClientEventEncoder} writes them as JSON text frames. */
public sealed interface RealtimeClientEvent {

    /** The wire name, the {@code type} field. */
    String type();

    /** {@code session.update}: the full session configuration. */
    record SessionUpdate(RealtimeSessionConfig session) implements RealtimeClientEvent {
        public SessionUpdate {
            Objects.requireNonNull(session, "session");
        }

        @Override
        public String type() {
            return "session.update";
        }
    }

    /**
     * {@code input_audio_buffer.append}: PCM16 little-endian, mono, 24 kHz. The bytes are read when the event is
     * encoded, so the caller may reuse the array after {@code encode} returns.
     */
    record AppendAudio(byte[] pcm, int offset, int length) implements RealtimeClientEvent {
        public AppendAudio {
            Objects.checkFromIndexSize(offset, length, pcm.length);
        }

        @Override
        public String type() {
            return "input_audio_buffer.append";
        }
    }

    /** {@code conversation.item.create}, appended at the end of the conversation. */
    record CreateItem(ConversationItem item) implements RealtimeClientEvent {
        public CreateItem {
            Objects.requireNonNull(item, "item");
        }

        @Override
        public String type() {
            return "conversation.item.create";
        }
    }

    /** {@code response.create} with the session's defaults. */
    record CreateResponse() implements RealtimeClientEvent {
        @Override
        public String type() {
            return "response.create";
        }
    }

    /** {@code response.cancel} of response {@code responseId}. */
    record CancelResponse(String responseId) implements RealtimeClientEvent {
        public CancelResponse {
            Objects.requireNonNull(responseId, "responseId");
        }

        @Override
        public String type() {
            return "response.cancel";
        }
    }

    /**
     * {@code conversation.item.truncate}: the assistant audio item {@code itemId} was heard up to
     * {@code audioEndMs}; the server drops the rest of its audio and transcript.
     */
    record TruncateItem(String itemId, int contentIndex, long audioEndMs) implements RealtimeClientEvent {
        public TruncateItem {
            Objects.requireNonNull(itemId, "itemId");
            if (contentIndex < 0 || audioEndMs < 0) {
                throw new IllegalArgumentException("negative content index or audio end");
            }
        }

        @Override
        public String type() {
            return "conversation.item.truncate";
        }
    }
}
