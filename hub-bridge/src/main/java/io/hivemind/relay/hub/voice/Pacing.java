package io.hivemind.relay.hub.voice;

/** Who drives a {@link VoiceParticipant}'s 20 ms tick. */
public enum Pacing {
    /** The participant's voice thread, at a fixed rate from the JVM's monotonic clock: production. */
    REAL_TIME,
    /**
     * The caller, through {@link VoiceParticipant#tick()}, after moving its own clock on: deterministic tests,
     * benchmarks and simulations.
     */
    MANUAL
}
