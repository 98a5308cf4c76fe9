package io.hivemind.relay.hub.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivemind.relay.hub.agent.AgentProfile;
import java.util.Objects;

/**
 * The configuration of one agent's Realtime session, in the GA shape ({@code session.type: "realtime"}): its
 * instructions, PCM16 24 kHz mono audio both ways, the voice, server VAD, optional input transcription and the
 * {@value AskComputerAgentTool#NAME} tool. The same object is sent in {@code session.update} and, with the model
 * added, as the {@code session} of a client secret.
 *
 * @param instructions       system instructions (see {@link AgentInstructions})
 * @param voice              voice id; blank leaves the server default
 * @param transcriptionModel model that transcribes the caller for captions; blank turns transcription off
 * @param vad                turn detection
 * @param autoRespond        {@code turn_detection.create_response}: the model answers every turn by itself; false
 *                           when the worker decides which turns to answer (an agent among others in a room)
 */
public record RealtimeSessionConfig(String instructions, String voice, String transcriptionModel, ServerVad vad,
                                    boolean autoRespond) {

    /** The only PCM rate the GA protocol accepts for {@code audio/pcm}. */
    public static final int SAMPLE_RATE = 24_000;
    public static final String AUDIO_FORMAT = "audio/pcm";
    public static final String DEFAULT_TRANSCRIPTION_MODEL = "gpt-4o-mini-transcribe";

    public RealtimeSessionConfig {
        Objects.requireNonNull(instructions, "instructions");
        Objects.requireNonNull(vad, "vad");
        voice = voice == null ? "" : voice;
        transcriptionModel = transcriptionModel == null ? "" : transcriptionModel;
    }

    /** The session for {@code agent}, transcribing the caller with {@code transcriptionModel}. */
    public static RealtimeSessionConfig forAgent(AgentProfile agent, String transcriptionModel, ServerVad vad) {
        return new RealtimeSessionConfig(AgentInstructions.of(agent), agent.voice(), transcriptionModel, vad, true);
    }

    /** The same session where the model answers only on {@code response.create} ({@code autoRespond} false). */
    public RealtimeSessionConfig withAutoRespond(boolean respond) {
        return new RealtimeSessionConfig(instructions, voice, transcriptionModel, vad, respond);
    }

    /** The same session transcribing the caller with {@code model}. */
    public RealtimeSessionConfig withTranscription(String model) {
        return new RealtimeSessionConfig(instructions, voice, model, vad, autoRespond);
    }

    /** The {@code session} object of {@code session.update}; the model is fixed by the connection URL. */
    public ObjectNode toJson() {
        ObjectNode session = RealtimeJson.MAPPER.createObjectNode();
        session.put("type", "realtime");
        session.put("instructions", instructions);
        session.putArray("output_modalities").add("audio");
        ObjectNode audio = session.putObject("audio");
        ObjectNode input = audio.putObject("input");
        putPcmFormat(input);
        if (!transcriptionModel.isBlank()) {
            input.putObject("transcription").put("model", transcriptionModel);
        }
        ObjectNode turnDetection = input.putObject("turn_detection");
        turnDetection.put("type", "server_vad");
        turnDetection.put("threshold", vad.threshold());
        turnDetection.put("prefix_padding_ms", vad.prefixPaddingMs());
        turnDetection.put("silence_duration_ms", vad.silenceDurationMs());
        turnDetection.put("create_response", autoRespond);
        // The server cancels its own response on barge-in; the client then only truncates (never response.cancel).
        turnDetection.put("interrupt_response", true);
        ObjectNode output = audio.putObject("output");
        putPcmFormat(output);
        if (!voice.isBlank()) {
            output.put("voice", voice);
        }
        session.putArray("tools").add(AskComputerAgentTool.definition());
        session.put("tool_choice", "auto");
        return session;
    }

    /** The {@code session} of a client secret: the same configuration with the model it is minted for. */
    public ObjectNode toJson(String model) {
        ObjectNode session = toJson();
        session.put("model", Objects.requireNonNull(model, "model"));
        return session;
    }

    private static void putPcmFormat(ObjectNode direction) {
        direction.putObject("format").put("type", AUDIO_FORMAT).put("rate", SAMPLE_RATE);
    }
}
