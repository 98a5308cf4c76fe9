package io.hivemind.relay.hub.worker;

import io.hivemind.relay.hub.realtime.ApiSecret;
import io.hivemind.relay.hub.realtime.RealtimeEndpoint;
import io.hivemind.relay.hub.realtime.RealtimeSessionConfig;
import io.hivemind.relay.hub.realtime.ServerVad;
import io.hivemind.relay.hub.voice.VoiceAudioConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * What every voice worker of a server shares.
 *
 * @param endpoint           the Realtime endpoint (base URL and model): OpenAI's, or a compatible one
 * @param key                the API key sessions open with; never logged
 * @param transcriptionModel transcribes callers for captions; blank turns user captions off
 * @param vad                server turn detection
 * @param audio              the room audio pipeline's settings
 * @param askTimeout         how long an {@code ask_computer_agent} call may take before the model hears it failed
 */
public record VoiceWorkerSettings(RealtimeEndpoint endpoint, ApiSecret key, String transcriptionModel, ServerVad vad,
                                  VoiceAudioConfig audio, Duration askTimeout) {

    /** Asks run real commands on the agent's machine: a minute is generous yet keeps a caller from waiting forever. */
    public static final Duration DEFAULT_ASK_TIMEOUT = Duration.ofSeconds(60);

    public VoiceWorkerSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(key, "key");
        transcriptionModel = transcriptionModel == null ? "" : transcriptionModel;
        Objects.requireNonNull(vad, "vad");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(askTimeout, "askTimeout");
    }

    /** OpenAI's endpoint with {@code key} and the defaults. */
    public static VoiceWorkerSettings of(RealtimeEndpoint endpoint, ApiSecret key) {
        return new VoiceWorkerSettings(endpoint, key, RealtimeSessionConfig.DEFAULT_TRANSCRIPTION_MODEL,
                ServerVad.DEFAULT, VoiceAudioConfig.DEFAULT, DEFAULT_ASK_TIMEOUT);
    }
}
