package io.hivemind.relay.hub.worker;

/** What a voice worker is doing, as a call's live state shows it. */
public enum WorkerState {
    /** Joined; the Realtime session is opening. */
    CONNECTING,
    /** Waiting for someone to speak. */
    LISTENING,
    /** An {@code ask_computer_agent} call is in flight on the agent's machine. */
    THINKING,
    /** Playing the model's audio into the room. */
    SPEAKING,
    /** Left the room (removed, the room closed, or the session could not be restored). */
    ENDED
}
