package io.hivemind.relay.hub.agent;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hub API's JSON bodies (docs/hub-api.md). Responses are checked field by field: anything that does not follow
 * the contract fails with {@link AgentErrorCode#INVALID_RESPONSE} naming the field. Unknown fields are ignored so the
 * hub can add some.
 */
final class HubJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The error body of a failed request: its code (possibly one this relay does not know) and message. */
    record HubError(String code, String message) {
    }

    private HubJson() {
    }

    static byte[] askBody(AgentRequest request, Duration timeout) {
        ObjectNode body = JSON.createObjectNode();
        body.put("request", request.text());
        ObjectNode context = body.putObject("context");
        CallContext call = request.context();
        putIfPresent(context, "room", call.room());
        putIfPresent(context, "caller", call.caller());
        putIfPresent(context, "call_id", call.callId());
        putIfPresent(context, "speaker", call.speaker());
        body.put("timeout_ms", timeout.toMillis());
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    static List<AgentProfile> agents(byte[] body) {
        JsonNode agents = parse(body).get("agents");
        if (agents == null || !agents.isArray()) {
            throw invalid("'agents' must be a list");
        }
        List<AgentProfile> profiles = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            JsonNode agent = agents.get(i);
            String where = "agents[" + i + "]";
            if (!agent.isObject()) {
                throw invalid(where + " must be an object");
            }
            String id = text(agent, "id", where);
            if (id == null || id.isBlank()) {
                throw invalid(where + ".id is required");
            }
            profiles.add(new AgentProfile(id, text(agent, "name", where), text(agent, "machine", where),
                    text(agent, "runtime", where), text(agent, "workspace", where), texts(agent, "skills", where),
                    text(agent, "voice", where), text(agent, "instructions", where)));
        }
        return profiles;
    }

    static AgentAnswer answer(byte[] body) {
        JsonNode root = parse(body);
        String text = text(root, "answer", "response");
        if (text == null) {
            throw invalid("'answer' is required");
        }
        JsonNode truncated = root.get("truncated");
        if (truncated != null && !truncated.isNull() && !truncated.isBoolean()) {
            throw invalid("'truncated' must be true or false");
        }
        List<AgentArtifact> artifacts = new ArrayList<>();
        JsonNode list = root.get("artifacts");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw invalid("'artifacts' must be a list");
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode artifact = list.get(i);
                String where = "artifacts[" + i + "]";
                if (!artifact.isObject()) {
                    throw invalid(where + " must be an object");
                }
                String name = text(artifact, "name", where);
                if (name == null) {
                    throw invalid(where + ".name is required");
                }
                artifacts.add(new AgentArtifact(name, text(artifact, "uri", where),
                        text(artifact, "media_type", where)));
            }
        }
        return new AgentAnswer(text, artifacts, truncated != null && truncated.asBoolean());
    }

    /** The error object of a failed request, if the body holds one. */
    static Optional<HubError> error(byte[] body) {
        try {
            JsonNode error = JSON.readTree(body).get("error");
            if (error != null && error.isObject() && error.path("code").isTextual()) {
                return Optional.of(new HubError(error.get("code").asText(), error.path("message").asText("")));
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON: the status code alone decides.
        }
        return Optional.empty();
    }

    private static JsonNode parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw invalid("the body is not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw invalid("the body must be a JSON object");
        }
        return root;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(where + "." + field + " must be a string");
        }
        return value.asText();
    }

    private static List<String> texts(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid(where + "." + field + " must be a list of strings");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw invalid(where + "." + field + " must be a list of strings");
            }
            texts.add(item.asText());
        }
        return texts;
    }

    private static AgentRuntimeException invalid(String problem) {
        return new AgentRuntimeException(AgentErrorCode.INVALID_RESPONSE, "the hub's response is malformed: "
                + problem);
    }
}
