package io.hivemind.relay.hub.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/**
 * The one function the voice model may call: {@code ask_computer_agent(request)}. The voice is only the mouth and
 * ears; everything that needs the computer (files, the repository, commands, recent work) goes to the agent's
 * runtime through this call.
 */
public final class AskComputerAgentTool {

    public static final String NAME = "ask_computer_agent";
    public static final String REQUEST_PARAMETER = "request";

    private static final String DESCRIPTION = "Ask the computer agent you speak for to do or find out something on "
            + "its machine: read or change files in its repository, run its tools, check builds, tests, git history "
            + "or recent work. Pass the caller's request in plain words; the answer comes back as text.";
    private static final String REQUEST_DESCRIPTION = "What the caller wants from the computer, as a complete "
            + "sentence with any names, paths or numbers they gave.";

    private AskComputerAgentTool() {
    }

    /** The tool as a Realtime {@code function} tool definition, for {@code session.tools}. */
    static ObjectNode definition() {
        ObjectNode tool = RealtimeJson.MAPPER.createObjectNode();
        tool.put("type", "function");
        tool.put("name", NAME);
        tool.put("description", DESCRIPTION);
        ObjectNode parameters = tool.putObject("parameters");
        parameters.put("type", "object");
        ObjectNode request = parameters.putObject("properties").putObject(REQUEST_PARAMETER);
        request.put("type", "string");
        request.put("description", REQUEST_DESCRIPTION);
        parameters.putArray("required").add(REQUEST_PARAMETER);
        parameters.put("additionalProperties", false);
        return tool;
    }

    /**
     * The {@code request} from a call's {@code arguments} JSON; empty when the arguments are not a JSON object with
     * a non-blank string {@code request} (the caller answers the model with an error output then).
     */
    public static Optional<String> request(String arguments) {
        try {
            JsonNode node = RealtimeJson.MAPPER.readTree(arguments);
            JsonNode request = node == null ? null : node.get(REQUEST_PARAMETER);
            if (request == null || !request.isTextual() || request.textValue().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(request.textValue().strip());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
