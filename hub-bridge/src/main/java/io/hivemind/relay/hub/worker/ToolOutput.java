package io.hivemind.relay.hub.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivemind.relay.hub.agent.AgentAnswer;
import io.hivemind.relay.hub.agent.AgentArtifact;
import io.hivemind.relay.hub.agent.AgentErrorCode;
import io.hivemind.relay.hub.agent.AgentRuntimeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The {@code output} of an {@code ask_computer_agent} function call, the same JSON whether a voice worker sends it
 * or a BYOK client fetched it from the relay: {@code {"answer": "...", "truncated": false, "artifacts": [...]}}, or
 * {@code {"error": {"code": "timeout", "message": "..."}}} so the voice can tell the caller what failed.
 */
public final class ToolOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolOutput() {
    }

    /** The output for a successful ask. */
    public static String answer(AgentAnswer answer) {
        ObjectNode output = JSON.createObjectNode();
        output.put("answer", answer.text());
        output.put("truncated", answer.truncated());
        ArrayNode artifacts = output.putArray("artifacts");
        for (AgentArtifact artifact : answer.artifacts()) {
            artifacts.addObject().put("name", artifact.name()).put("uri", artifact.uri())
                    .put("media_type", artifact.mediaType());
        }
        return output.toString();
    }

    /** The output for a failed ask: the runtime's code and message, or {@code failed} for anything unexpected. */
    public static String error(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        AgentErrorCode code = cause instanceof AgentRuntimeException runtime ? runtime.code() : AgentErrorCode.FAILED;
        String message = cause instanceof AgentRuntimeException ? cause.getMessage()
                : "the agent's runtime failed unexpectedly";
        return error(code, message);
    }

    /** The output for an ask that could not be made. */
    public static String error(AgentErrorCode code, String message) {
        ObjectNode output = JSON.createObjectNode();
        output.putObject("error").put("code", code.wireName()).put("message", message);
        return output.toString();
    }
}
