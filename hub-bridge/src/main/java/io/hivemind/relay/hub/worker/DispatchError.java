package io.hivemind.relay.hub.worker;

/** Why an agent could not be called into a room or removed from it; the server maps each to a wire code. */
public enum DispatchError {
    /** No OpenAI key: voice workers are off (the server says so once at start). */
    VOICE_UNAVAILABLE,
    /** Neither a hub nor an agents file is configured. */
    AGENTS_UNAVAILABLE,
    /** No call-capable agent has this id. */
    UNKNOWN_AGENT,
    /** The agent already speaks in this room. */
    ALREADY_IN_ROOM,
    /** The agent does not speak in this room. */
    NOT_IN_ROOM,
    /** The room refused the worker (full, closed) or the agent list could not be read. */
    JOIN_FAILED
}
