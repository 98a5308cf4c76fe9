package io.hivemind.relay.hub.realtime.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket session of the fake Realtime server, run on its channel's event loop: it checks every client event,
 * answers speech (energy VAD) with transcripts and a spoken tone, plays the scripted function call, enforces one
 * response at a time, and reports every breach of the protocol as a violation.
 */
final class FakeRealtimeSession {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FUNCTION_CALL_DONE_DELAY_MILLIS = 50;

    private final FakeRealtimeServer server;
    private final Channel channel;
    private final int index;
    private final String model;
    private final FakeScript script;
    private final EnergyVad vad = new EnergyVad();
    private final ByteArrayOutputStream audioIn = new ByteArrayOutputStream();
    private final Set<String> knownCalls = new HashSet<>();
    /** Assistant audio items of this session and the milliseconds of audio sent for each. */
    private final Map<String, Long> assistantAudioMillis = new HashMap<>();

    private int sequence;
    private boolean configured;
    private boolean createResponse = true;
    private boolean interruptResponse = true;
    private boolean transcribe;
    private double toneHz;
    private boolean functionCallDone;
    private String pendingCallId;
    private boolean outputForPendingCall;
    private int responseCreatesAfterOutput;
    private String currentUserItem;
    private ActiveResponse active;
    /** Set while handling an event that the session refused. */
    private boolean rejected;
    /** Set while handling a client event: replies wait in the outbox until the event is recorded. */
    private boolean handling;
    private final List<ObjectNode> outbox = new ArrayList<>();

    /** The response being produced: its ids, whether it speaks, the audio and transcript sent so far. */
    private static final class ActiveResponse {
        final String id;
        final String itemId;
        final boolean spoken;
        final StringBuilder transcript = new StringBuilder();
        long samplesSent;

        ActiveResponse(String id, String itemId, boolean spoken) {
            this.id = id;
            this.itemId = itemId;
            this.spoken = spoken;
        }
    }

    FakeRealtimeSession(FakeRealtimeServer server, Channel channel, int index, String model, FakeScript script) {
        this.server = server;
        this.channel = channel;
        this.index = index;
        this.model = model;
        this.script = script;
        this.toneHz = script.toneHz();
    }

    int index() {
        return index;
    }

    Channel channel() {
        return channel;
    }

    synchronized byte[] audioIn() {
        return audioIn.toByteArray();
    }

    void opened() {
        ObjectNode session = JSON.createObjectNode();
        session.put("type", "realtime").put("id", "sess_fake_" + index).put("object", "realtime.session")
                .put("model", model).put("expires_at", 0).put("instructions", "server default instructions");
        send(event("session.created").set("session", session));
    }

    void refuseBeta() {
        server.violation(index, "OpenAI-Beta header sent");
        sendError("invalid_request_error", "beta_api_shape_disabled",
                "The Realtime Beta API is no longer supported.");
        channel.writeAndFlush(new CloseWebSocketFrame(4000, "beta_api_shape_disabled"))
                .addListener(f -> channel.close());
    }

    void received(String text) {
        JsonNode event;
        try {
            event = JSON.readTree(text);
        } catch (java.io.IOException e) {
            reject("invalid_event", "client sent text that is not JSON");
            return;
        }
        List<String> problems = ClientEventChecker.check(event);
        if (!problems.isEmpty()) {
            problems.forEach(problem -> server.violation(index, problem));
            sendError("invalid_request_error", "invalid_value", problems.get(0));
            return;
        }
        String type = event.get("type").textValue();
        rejected = false;
        handling = true;
        switch (type) {
            case "session.update" -> sessionUpdate(event.get("session"));
            case "input_audio_buffer.append" -> append(Base64.getDecoder().decode(event.get("audio").textValue()));
            case "conversation.item.create" -> itemCreate(event.get("item"));
            case "response.create" -> responseCreate();
            case "response.cancel" -> {
                if (active != null) {
                    endResponse("cancelled", "client_cancelled");
                }
            }
            case "conversation.item.truncate" -> truncate(event);
            default -> {
                // Accepted; nothing to play.
            }
        }
        // Recorded once acted on but before any reply leaves: whoever saw a reply or the record sees both.
        if (!rejected) {
            server.record(new ReceivedEvent(index, type, event));
        }
        handling = false;
        outbox.forEach(reply -> channel.write(new TextWebSocketFrame(reply.toString())));
        outbox.clear();
        channel.flush();
    }

    private void sessionUpdate(JsonNode session) {
        JsonNode turn = session.path("audio").path("input").path("turn_detection");
        if (turn.isObject()) {
            createResponse = turn.path("create_response").asBoolean(true);
            interruptResponse = turn.path("interrupt_response").asBoolean(true);
            vad.configure(turn.path("silence_duration_ms").asInt(500), turn.path("prefix_padding_ms").asInt(300));
        }
        toneHz = script.toneByVoice().getOrDefault(session.path("audio").path("output").path("voice").asText(""),
                script.toneHz());
        JsonNode transcription = session.path("audio").path("input").path("transcription");
        transcribe = transcription.isObject() && transcription.path("model").isTextual();
        if (session.has("model") && !model.equals(session.get("model").asText())) {
            reject("invalid_value", "the model cannot be changed by session.update");
            return;
        }
        configured = true;
        ObjectNode echo = session.deepCopy();
        echo.put("id", "sess_fake_" + index).put("object", "realtime.session").put("model", model);
        send(event("session.updated").set("session", echo));
    }

    private void append(byte[] pcm) {
        synchronized (this) {
            audioIn.write(pcm, 0, pcm.length);
        }
        if (!configured) {
            server.violation(index, "audio appended before session.update");
        }
        vad.feed(pcm, transition -> {
            if (transition == EnergyVad.Transition.STARTED) {
                speechStarted(vad.startMillis());
            } else {
                speechStopped();
            }
        });
    }

    /** Someone started talking: announce it and, with interrupt_response, cut the agent off. */
    void speechStarted(long audioStartMillis) {
        currentUserItem = "item_user_" + index + "_" + sequence++;
        send(event("input_audio_buffer.speech_started").put("audio_start_ms", audioStartMillis)
                .put("item_id", currentUserItem));
        if (active != null && interruptResponse) {
            endResponse("cancelled", "turn_detected");
        }
    }

    private void speechStopped() {
        String item = currentUserItem;
        send(event("input_audio_buffer.speech_stopped").put("audio_end_ms", vad.endMillis()).put("item_id", item));
        send(event("input_audio_buffer.committed").put("item_id", item).putNull("previous_item_id"));
        if (transcribe) {
            String transcript = script.transcriptOf(turnAudio(vad.startMillis(), vad.endMillis()));
            for (String word : transcript.split(" ")) {
                send(event("conversation.item.input_audio_transcription.delta").put("item_id", item)
                        .put("content_index", 0).put("delta", word + " "));
            }
            ObjectNode completed = event("conversation.item.input_audio_transcription.completed")
                    .put("item_id", item).put("content_index", 0).put("transcript", transcript);
            completed.putObject("usage").put("type", "duration").put("seconds", 1);
            send(completed);
        }
        if (createResponse && active == null) {
            if (script.functionCall() != null && !functionCallDone) {
                functionCallResponse();
            } else {
                startSpokenResponse();
            }
        }
    }

    /** The audio appended between two positions of the session, in milliseconds. */
    private synchronized byte[] turnAudio(long fromMillis, long toMillis) {
        byte[] all = audioIn.toByteArray();
        int bytesPerMilli = ToneMeter.RATE / 1000 * 2;
        int from = (int) Math.min(all.length, fromMillis * bytesPerMilli);
        int to = (int) Math.min(all.length, Math.max(from, toMillis * bytesPerMilli));
        return Arrays.copyOfRange(all, from, to);
    }

    private void itemCreate(JsonNode item) {
        String type = item.get("type").textValue();
        if ("function_call".equals(type)) {
            knownCalls.add(item.get("call_id").textValue());
        } else if ("function_call_output".equals(type)) {
            String callId = item.get("call_id").textValue();
            if (!knownCalls.contains(callId)) {
                reject("invalid_value", "function_call_output for a call_id this conversation does not hold");
                return;
            }
            if (callId.equals(pendingCallId)) {
                outputForPendingCall = true;
            }
        }
        String id = item.path("id").asText("item_client_" + index + "_" + sequence++);
        ObjectNode added = event("conversation.item.added");
        added.set("item", ((ObjectNode) item.deepCopy()).put("id", id).put("object", "realtime.item"));
        send(added);
        ObjectNode done = event("conversation.item.done");
        done.set("item", ((ObjectNode) item.deepCopy()).put("id", id).put("object", "realtime.item"));
        send(done);
    }

    private void responseCreate() {
        if (active != null) {
            server.violation(index, "response.create while response " + active.id + " is active");
            sendError("invalid_request_error", "conversation_already_has_active_response",
                    "Conversation already has an active response in progress: " + active.id);
            return;
        }
        if (pendingCallId != null) {
            if (!outputForPendingCall) {
                server.violation(index, "response.create before the function_call_output of " + pendingCallId);
            } else if (++responseCreatesAfterOutput > 1) {
                server.violation(index, "more than one response.create after the function_call_output");
            }
        }
        startSpokenResponse();
    }

    private void truncate(JsonNode event) {
        String itemId = event.get("item_id").textValue();
        long audioEndMs = event.get("audio_end_ms").asLong();
        Long sentMillis = assistantAudioMillis.get(itemId);
        if (sentMillis == null) {
            reject("invalid_value", "truncate of an item that is not an assistant audio item of this session");
            return;
        }
        if (audioEndMs > sentMillis) {
            reject("invalid_value", "Audio content of " + sentMillis + "ms is already shorter than " + audioEndMs
                    + "ms");
            return;
        }
        server.truncated(index, itemId, audioEndMs);
        send(event("conversation.item.truncated").put("item_id", itemId)
                .put("content_index", event.get("content_index").asInt()).put("audio_end_ms", audioEndMs));
    }

    /**
     * A response that calls {@code ask_computer_agent}. Its {@code response.done} comes a little after the call's
     * arguments, as with the real model, so a client that answers the call and asks for a response at once (before
     * that done) is caught with two active responses.
     */
    private void functionCallResponse() {
        functionCallDone = true;
        ActiveResponse response = new ActiveResponse("resp_" + index + "_" + sequence++,
                "item_call_" + index + "_" + sequence++, false);
        active = response;
        String callId = "call_" + index + "_" + sequence++;
        String arguments = JSON.createObjectNode().put("request", script.functionCall()).toString();
        send(responseEnvelope("response.created", response.id, "in_progress", null));
        send(event("response.function_call_arguments.delta").put("response_id", response.id)
                .put("item_id", response.itemId).put("output_index", 0).put("call_id", callId)
                .put("delta", arguments));
        send(event("response.function_call_arguments.done").put("response_id", response.id)
                .put("item_id", response.itemId).put("output_index", 0).put("call_id", callId)
                .put("name", "ask_computer_agent").put("arguments", arguments));
        knownCalls.add(callId);
        pendingCallId = callId;
        outputForPendingCall = false;
        responseCreatesAfterOutput = 0;
        channel.eventLoop().schedule(() -> {
            if (active == response) {
                endResponse("completed", null);
            }
        }, FUNCTION_CALL_DONE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void startSpokenResponse() {
        ActiveResponse response = new ActiveResponse("resp_" + index + "_" + sequence++,
                "item_assistant_" + index + "_" + sequence++, true);
        active = response;
        assistantAudioMillis.put(response.itemId, 0L);
        send(responseEnvelope("response.created", response.id, "in_progress", null));
        int chunkSamples = script.chunkMillis() * ToneMeter.RATE / 1000;
        long totalSamples = (long) script.toneMillis() * ToneMeter.RATE / 1000;
        String[] words = script.agentTranscript().split(" ");
        int chunk = 0;
        while (response.samplesSent < totalSamples) {
            int samples = (int) Math.min(chunkSamples, totalSamples - response.samplesSent);
            byte[] pcm = ToneMeter.tone(toneHz, 8000, response.samplesSent, samples);
            response.samplesSent += samples;
            assistantAudioMillis.put(response.itemId, response.samplesSent * 1000 / ToneMeter.RATE);
            send(contentEvent("response.output_audio.delta", response).put("delta",
                    Base64.getEncoder().encodeToString(pcm)));
            if (chunk < words.length) {
                String delta = (chunk == 0 ? "" : " ") + words[chunk];
                response.transcript.append(delta);
                send(contentEvent("response.output_audio_transcript.delta", response).put("delta", delta));
            }
            chunk++;
        }
        for (; chunk < words.length; chunk++) {
            String delta = " " + words[chunk];
            response.transcript.append(delta);
            send(contentEvent("response.output_audio_transcript.delta", response).put("delta", delta));
        }
        if (!script.holdResponses()) {
            endResponse("completed", null);
        }
    }

    /** Ends the active response: audio and transcript done, then response.done with {@code status}. */
    void endResponse(String status, String reason) {
        ActiveResponse response = active;
        if (response == null) {
            return;
        }
        active = null;
        if (response.spoken) {
            send(contentEvent("response.output_audio.done", response));
            send(contentEvent("response.output_audio_transcript.done", response)
                    .put("transcript", response.transcript.toString()));
        }
        send(responseEnvelope("response.done", response.id, status, reason));
    }

    void expire() {
        sendError("invalid_request_error", "session_expired", "Your session hit the maximum duration of 60 minutes.");
        channel.writeAndFlush(new CloseWebSocketFrame(1001, "session expired")).addListener(f -> channel.close());
    }

    private void reject(String code, String message) {
        rejected = true;
        server.violation(index, message);
        sendError("invalid_request_error", code, message);
    }

    private void sendError(String type, String code, String message) {
        ObjectNode error = event("error");
        error.putObject("error").put("type", type).put("code", code).put("message", message).putNull("param")
                .putNull("event_id");
        send(error);
    }

    private ObjectNode responseEnvelope(String type, String responseId, String status, String reason) {
        ObjectNode event = event(type);
        ObjectNode response = event.putObject("response");
        response.put("id", responseId).put("object", "realtime.response").put("status", status);
        if (reason != null) {
            response.putObject("status_details").put("type", status).put("reason", reason);
        } else {
            response.putNull("status_details");
        }
        response.putArray("output");
        return event;
    }

    private ObjectNode contentEvent(String type, ActiveResponse response) {
        return event(type).put("response_id", response.id).put("item_id", response.itemId).put("output_index", 0)
                .put("content_index", 0);
    }

    private ObjectNode event(String type) {
        return JSON.createObjectNode().put("event_id", "event_" + index + "_" + sequence++).put("type", type);
    }

    private void send(ObjectNode event) {
        if (handling) {
            outbox.add(event);
        } else {
            channel.writeAndFlush(new TextWebSocketFrame(event.toString()));
        }
    }
}
