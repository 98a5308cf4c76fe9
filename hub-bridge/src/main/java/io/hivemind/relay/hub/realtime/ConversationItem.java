package io.hivemind.relay.hub.realtime;

import java.util.Objects;

/**
 * The conversation items the relay creates with {@code conversation.item.create}: text turns (audio cannot be
 * recreated on a new session) and the two halves of a function call. They are also the text history replayed
 * after a reconnect.
 */
public sealed interface ConversationItem {

    /** A caller's turn as text ({@code message}, role {@code user}, content {@code input_text}). */
    record UserText(String text) implements ConversationItem {
        public UserText {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The agent's earlier spoken turn as text ({@code message}, role {@code assistant}, {@code output_text}). */
    record AssistantText(String text) implements ConversationItem {
        public AssistantText {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A function call the model made ({@code function_call}). Replayed before its output, because an output may
     * only refer to a {@code call_id} the conversation already holds.
     */
    record FunctionCall(String callId, String name, String arguments) implements ConversationItem {
        public FunctionCall {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /** The result of a function call ({@code function_call_output}); {@code output} is what the model reads. */
    record FunctionCallOutput(String callId, String output) implements ConversationItem {
        public FunctionCallOutput {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(output, "output");
        }
    }
}
