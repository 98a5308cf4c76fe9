package io.hivemind.relay.hub.realtime;

/**
 * Server-side voice activity detection ({@code turn_detection} of type {@code server_vad}): the model decides when
 * a speaker has finished, answers by itself and cancels its own answer when someone starts talking over it.
 *
 * @param threshold         0..1; higher needs louder speech
 * @param prefixPaddingMs   audio kept before detected speech
 * @param silenceDurationMs silence that ends a turn
 */
public record ServerVad(double threshold, int prefixPaddingMs, int silenceDurationMs) {

    /** The server's documented defaults. */
    public static final ServerVad DEFAULT = new ServerVad(0.5, 300, 500);

    public ServerVad {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be within 0..1: " + threshold);
        }
        if (prefixPaddingMs < 0 || silenceDurationMs < 0) {
            throw new IllegalArgumentException("negative VAD duration");
        }
    }
}
