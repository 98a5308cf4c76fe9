package io.hivemind.relay.hub.realtime;

import java.time.Instant;
import java.util.Objects;

/**
 * A short-lived Realtime client secret ({@code ek_…}) minted for one agent's session: a browser or phone opens its
 * own Realtime session with it, and never sees the server's key. {@code value} is an {@link ApiSecret}, so this
 * record prints without it.
 *
 * @param value     the secret, sent as {@code Authorization: Bearer} or the browser subprotocol
 * @param expiresAt after this no new session opens with it (running sessions continue)
 * @param model     the model the secret's session uses
 */
public record ClientSecret(ApiSecret value, Instant expiresAt, String model) {

    public ClientSecret {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(model, "model");
    }
}
