package io.hivemind.relay.hub.realtime.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fake server's strict reading of client events against the GA protocol: known event names only (beta names
 * are refused), required fields with the right JSON types, no unknown fields (the published schema would let typos
 * through), and for sessions the GA shape with PCM16 at 24 kHz both ways and the {@code ask_computer_agent} tool.
 * Each problem is a short sentence; no problems means the event is valid.
 */
public final class ClientEventChecker {

    private static final Map<String, Set<String>> EVENT_FIELDS = Map.ofEntries(
            Map.entry("session.update", Set.of("session")),
            Map.entry("input_audio_buffer.append", Set.of("audio")),
            Map.entry("input_audio_buffer.commit", Set.of()),
            Map.entry("input_audio_buffer.clear", Set.of()),
            Map.entry("conversation.item.create", Set.of("item", "previous_item_id")),
            Map.entry("conversation.item.truncate", Set.of("item_id", "content_index", "audio_end_ms")),
            Map.entry("conversation.item.delete", Set.of("item_id")),
            Map.entry("conversation.item.retrieve", Set.of("item_id")),
            Map.entry("response.create", Set.of("response")),
            Map.entry("response.cancel", Set.of("response_id")),
            Map.entry("output_audio_buffer.clear", Set.of()));

    private static final Set<String> SESSION_FIELDS = Set.of("type", "model", "instructions", "output_modalities",
            "audio", "include", "tracing", "tools", "tool_choice", "parallel_tool_calls", "reasoning",
            "max_output_tokens", "truncation", "prompt");
    private static final int MAX_APPEND_BYTES = 15 * 1024 * 1024;

    private final List<String> problems = new ArrayList<>();

    private ClientEventChecker() {
    }

    /** The problems of one client event (empty when it is valid). */
    public static List<String> check(JsonNode event) {
        ClientEventChecker checker = new ClientEventChecker();
        checker.event(event);
        return checker.problems;
    }

    /** The problems of a {@code session} object; {@code needsModel} for client secrets. */
    public static List<String> checkSession(JsonNode session, boolean needsModel) {
        ClientEventChecker checker = new ClientEventChecker();
        checker.session(session, needsModel);
        return checker.problems;
    }

    private void event(JsonNode event) {
        if (!event.isObject()) {
            problem("event is not an object");
            return;
        }
        String type = event.path("type").isTextual() ? event.get("type").textValue() : null;
        if (type == null) {
            problem("event has no type");
            return;
        }
        Set<String> fields = EVENT_FIELDS.get(type);
        if (fields == null) {
            problem("unknown or beta event type " + type);
            return;
        }
        allowedFields(event, fields, Set.of("type", "event_id"), type);
        if (event.has("event_id") && (!event.get("event_id").isTextual()
                || event.get("event_id").textValue().length() > 512)) {
            problem(type + ": event_id must be a string of at most 512 characters");
        }
        switch (type) {
            case "session.update" -> {
                if (requireObject(event, "session", type)) {
                    session(event.get("session"), false);
                }
            }
            case "input_audio_buffer.append" -> append(event);
            case "conversation.item.create" -> {
                if (requireObject(event, "item", type)) {
                    item(event.get("item"));
                }
                optionalText(event, "previous_item_id", type);
            }
            case "conversation.item.truncate" -> {
                requireText(event, "item_id", type);
                requireNonNegativeInteger(event, "content_index", type);
                requireNonNegativeInteger(event, "audio_end_ms", type);
            }
            case "conversation.item.delete", "conversation.item.retrieve" -> requireText(event, "item_id", type);
            case "response.create" -> {
                if (event.has("response") && !event.get("response").isObject()) {
                    problem(type + ": response must be an object");
                }
            }
            case "response.cancel" -> optionalText(event, "response_id", type);
            default -> {
                // No fields to check.
            }
        }
    }

    private void session(JsonNode session, boolean needsModel) {
        allowedFields(session, SESSION_FIELDS, Set.of(), "session (beta field?)");
        if (!"realtime".equals(session.path("type").asText(null))) {
            problem("session.type must be \"realtime\"");
        }
        if (needsModel) {
            requireText(session, "model", "session");
        }
        optionalText(session, "instructions", "session");
        JsonNode modalities = session.get("output_modalities");
        if (modalities != null && (!modalities.isArray() || modalities.size() != 1
                || !Set.of("audio", "text").contains(modalities.get(0).asText()))) {
            problem("session.output_modalities must be [\"audio\"] or [\"text\"]");
        }
        JsonNode audio = session.path("audio");
        if (!audio.isObject()) {
            problem("session.audio is missing");
            return;
        }
        allowedFields(audio, Set.of("input", "output"), Set.of(), "session.audio");
        JsonNode input = audio.path("input");
        JsonNode output = audio.path("output");
        allowedFields(input, Set.of("format", "transcription", "noise_reduction", "turn_detection"), Set.of(),
                "session.audio.input");
        allowedFields(output, Set.of("format", "voice", "speed"), Set.of(), "session.audio.output");
        pcm24k(input.path("format"), "session.audio.input.format");
        pcm24k(output.path("format"), "session.audio.output.format");
        if (output.has("voice") && !output.get("voice").isTextual()) {
            problem("session.audio.output.voice must be a string");
        }
        JsonNode transcription = input.get("transcription");
        if (transcription != null && !transcription.isNull() && !transcription.path("model").isTextual()) {
            problem("session.audio.input.transcription needs a model");
        }
        JsonNode turn = input.get("turn_detection");
        if (turn != null && !turn.isNull()
                && !Set.of("server_vad", "semantic_vad").contains(turn.path("type").asText())) {
            problem("session.audio.input.turn_detection.type must be server_vad or semantic_vad");
        }
        askComputerAgentTool(session.path("tools"));
    }

    private void pcm24k(JsonNode format, String path) {
        if (!"audio/pcm".equals(format.path("type").asText(null)) || format.path("rate").asInt() != 24_000
                || !format.path("rate").isIntegralNumber() || format.size() != 2) {
            problem(path + " must be {type: audio/pcm, rate: 24000}");
        }
    }

    private void askComputerAgentTool(JsonNode tools) {
        if (!tools.isArray()) {
            problem("session.tools is missing");
            return;
        }
        for (JsonNode tool : tools) {
            if (!"function".equals(tool.path("type").asText()) || !tool.path("name").isTextual()
                    || !tool.path("parameters").isObject()) {
                problem("session.tools: every tool must be a function with a name and parameters");
                return;
            }
            if ("ask_computer_agent".equals(tool.get("name").textValue())) {
                JsonNode parameters = tool.get("parameters");
                boolean requestIsString = "string".equals(
                        parameters.path("properties").path("request").path("type").asText());
                boolean requestRequired = false;
                for (JsonNode required : parameters.path("required")) {
                    requestRequired |= "request".equals(required.asText());
                }
                if (!"object".equals(parameters.path("type").asText()) || !requestIsString || !requestRequired
                        || parameters.path("properties").size() != 1) {
                    problem("ask_computer_agent must take exactly one required string parameter request");
                }
                return;
            }
        }
        problem("session.tools has no ask_computer_agent");
    }

    private void append(JsonNode event) {
        if (!requireText(event, "audio", "input_audio_buffer.append")) {
            return;
        }
        try {
            byte[] pcm = Base64.getDecoder().decode(event.get("audio").textValue());
            if (pcm.length % 2 != 0 || pcm.length > MAX_APPEND_BYTES) {
                problem("input_audio_buffer.append: PCM16 must be whole samples and at most 15 MiB");
            }
        } catch (IllegalArgumentException e) {
            problem("input_audio_buffer.append: audio is not base64");
        }
    }

    private void item(JsonNode item) {
        String type = item.path("type").asText(null);
        if (type == null) {
            problem("item has no type");
            return;
        }
        switch (type) {
            case "message" -> message(item);
            case "function_call" -> {
                allowedFields(item, Set.of("type", "id", "object", "status", "call_id", "name", "arguments"),
                        Set.of(), "function_call");
                requireText(item, "call_id", "function_call");
                requireText(item, "name", "function_call");
                requireText(item, "arguments", "function_call");
            }
            case "function_call_output" -> {
                allowedFields(item, Set.of("type", "id", "object", "status", "call_id", "output"), Set.of(),
                        "function_call_output");
                requireText(item, "call_id", "function_call_output");
                requireText(item, "output", "function_call_output");
            }
            default -> problem("unsupported item type " + type);
        }
    }

    private void message(JsonNode item) {
        allowedFields(item, Set.of("type", "id", "object", "status", "role", "content"), Set.of(), "message");
        String role = item.path("role").asText("");
        Set<String> contentTypes = switch (role) {
            case "user" -> Set.of("input_text", "input_audio", "input_image");
            case "assistant" -> Set.of("output_text");
            case "system" -> Set.of("input_text");
            default -> null;
        };
        if (contentTypes == null) {
            problem("message role must be user, assistant or system");
            return;
        }
        JsonNode content = item.path("content");
        if (!content.isArray() || content.isEmpty()) {
            problem("message content must be a non-empty array");
            return;
        }
        for (JsonNode part : content) {
            String partType = part.path("type").asText("");
            if (!contentTypes.contains(partType)) {
                problem(role + " message content type " + partType + " is not allowed (GA names)");
            } else if (partType.endsWith("_text")) {
                requireText(part, "text", role + " message " + partType);
            }
        }
    }

    private void allowedFields(JsonNode node, Set<String> allowed, Set<String> alsoAllowed, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name) && !alsoAllowed.contains(name)) {
                problem(where + ": unknown field " + name);
            }
        }
    }

    private boolean requireObject(JsonNode node, String field, String where) {
        if (!node.path(field).isObject()) {
            problem(where + ": " + field + " must be an object");
            return false;
        }
        return true;
    }

    private boolean requireText(JsonNode node, String field, String where) {
        if (!node.path(field).isTextual()) {
            problem(where + ": " + field + " is required and must be a string");
            return false;
        }
        return true;
    }

    private void optionalText(JsonNode node, String field, String where) {
        if (node.has(field) && !node.get(field).isTextual()) {
            problem(where + ": " + field + " must be a string");
        }
    }

    private void requireNonNegativeInteger(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || value.asLong() < 0) {
            problem(where + ": " + field + " is required and must be a non-negative integer");
        }
    }

    private void problem(String text) {
        problems.add(text);
    }
}
