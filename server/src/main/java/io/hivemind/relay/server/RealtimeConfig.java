package io.hivemind.relay.server;

import io.hivemind.relay.hub.realtime.ApiSecret;
import io.hivemind.relay.hub.realtime.ClientSecretMinter;
import io.hivemind.relay.hub.realtime.RealtimeEndpoint;
import io.hivemind.relay.hub.realtime.RealtimeSessionConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where voice sessions go: OpenAI's Realtime endpoint by default, any compatible one by configuration alone. The key
 * comes only from the environment ({@code OPENAI_REALTIME_KEY}, else {@code OPENAI_API_KEY}) and never prints.
 *
 * @param key                empty: voice workers are off and BYOK secrets cannot be minted
 * @param baseUrl            {@code wss://api.openai.com/v1/realtime} or a compatible endpoint's
 * @param model              the Realtime model
 * @param transcriptionModel transcribes callers for captions; blank turns user captions off
 * @param clientSecretTtl    lifetime of BYOK client secrets
 */
public record RealtimeConfig(Optional<ApiSecret> key, URI baseUrl, String model, String transcriptionModel,
                             Duration clientSecretTtl) {

    public static final RealtimeConfig DEFAULT = new RealtimeConfig(Optional.empty(),
            RealtimeEndpoint.DEFAULT_BASE_URL, RealtimeEndpoint.DEFAULT_MODEL,
            RealtimeSessionConfig.DEFAULT_TRANSCRIPTION_MODEL, ClientSecretMinter.DEFAULT_TTL);

    public RealtimeConfig {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(model, "model");
        transcriptionModel = transcriptionModel == null ? "" : transcriptionModel;
        if (clientSecretTtl.compareTo(ClientSecretMinter.MIN_TTL) < 0
                || clientSecretTtl.compareTo(ClientSecretMinter.MAX_TTL) > 0) {
            throw new IllegalArgumentException("realtime.client_secret_ttl must be " + ClientSecretMinter.MIN_TTL
                    .toSeconds() + "-" + ClientSecretMinter.MAX_TTL.toSeconds() + " s, got " + clientSecretTtl);
        }
        // Validates the URL and model at load time rather than at the first call.
        new RealtimeEndpoint(baseUrl, model);
    }

    public RealtimeEndpoint endpoint() {
        return new RealtimeEndpoint(baseUrl, model);
    }

    /** The same settings with {@code key}. */
    public RealtimeConfig withKey(ApiSecret key) {
        return new RealtimeConfig(Optional.of(key), baseUrl, model, transcriptionModel, clientSecretTtl);
    }
}
