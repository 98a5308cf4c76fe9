package io.hivemind.relay.hub.worker;

/** Follows one worker; called from the worker's threads, so implementations hand off and never block. */
public interface VoiceWorkerObserver {

    /** The worker's state changed; {@code detail} says why when it ended, else is empty. */
    void onState(VoiceWorker worker, WorkerState state, String detail);

    /** An {@code ask_computer_agent} call finished ({@code error} is null when it succeeded). */
    default void onToolCall(VoiceWorker worker, String error) {
    }

    /** Ignores everything. */
    VoiceWorkerObserver NONE = (worker, state, detail) -> { };
}
