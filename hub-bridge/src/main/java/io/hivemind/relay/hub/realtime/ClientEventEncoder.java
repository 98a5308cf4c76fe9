package io.hivemind.relay.hub.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Writes {@link RealtimeClientEvent}s as the JSON text of one WebSocket message, in the GA shapes. */
public final class ClientEventEncoder {

    private ClientEventEncoder() {
    }

    public static String encode(RealtimeClientEvent event) {
        if (event instanceof RealtimeClientEvent.AppendAudio append) {
            return appendAudio(append);
        }
        ObjectNode json = RealtimeJson.MAPPER.createObjectNode();
        json.put("type", event.type());
        if (event instanceof RealtimeClientEvent.SessionUpdate update) {
            json.set("session", update.session().toJson());
        } else if (event instanceof RealtimeClientEvent.CreateItem create) {
            json.set("item", item(create.item()));
        } else if (event instanceof RealtimeClientEvent.TruncateItem truncate) {
            json.put("item_id", truncate.itemId());
            json.put("content_index", truncate.contentIndex());
            json.put("audio_end_ms", truncate.audioEndMs());
        } else if (event instanceof RealtimeClientEvent.CancelResponse cancel) {
            json.put("response_id", cancel.responseId());
        }
        // response.create carries no fields: the session's defaults apply.
        try {
            return RealtimeJson.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.type(), e);
        }
    }

    /**
     * The hot path (every 20 ms per agent): written directly, since base64 needs no JSON escaping and a tree would
     * only add copies.
     */
    private static String appendAudio(RealtimeClientEvent.AppendAudio append) {
        ByteBuffer pcm = ByteBuffer.wrap(append.pcm(), append.offset(), append.length());
        String audio = new String(Base64.getEncoder().encode(pcm).array(), StandardCharsets.ISO_8859_1);
        return "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + audio + "\"}";
    }

    private static ObjectNode item(ConversationItem item) {
        ObjectNode json = RealtimeJson.MAPPER.createObjectNode();
        if (item instanceof ConversationItem.UserText user) {
            message(json, "user", "input_text", user.text());
        } else if (item instanceof ConversationItem.AssistantText assistant) {
            message(json, "assistant", "output_text", assistant.text());
        } else if (item instanceof ConversationItem.FunctionCall call) {
            json.put("type", "function_call");
            json.put("call_id", call.callId());
            json.put("name", call.name());
            json.put("arguments", call.arguments());
        } else if (item instanceof ConversationItem.FunctionCallOutput output) {
            json.put("type", "function_call_output");
            json.put("call_id", output.callId());
            json.put("output", output.output());
        }
        return json;
    }

    private static void message(ObjectNode json, String role, String contentType, String text) {
        json.put("type", "message");
        json.put("role", role);
        ArrayNode content = json.putArray("content");
        content.addObject().put("type", contentType).put("text", text);
    }
}
