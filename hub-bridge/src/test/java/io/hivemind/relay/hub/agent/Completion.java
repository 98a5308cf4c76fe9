package io.hivemind.relay.hub.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waits (generously) for a runtime's future in tests and unwraps its outcome. */
final class Completion {

    private static final long WAIT_SECONDS = 30;

    private Completion() {
    }

    static <T> T value(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The {@link AgentRuntimeException} the future failed with; fails the test if it succeeded or failed otherwise. */
    static AgentRuntimeException failure(CompletableFuture<?> future) throws Exception {
        Throwable thrown;
        try {
            Object value = future.get(WAIT_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException | CompletionException e) {
            thrown = e.getCause();
        }
        assertThat(thrown).isInstanceOf(AgentRuntimeException.class);
        return (AgentRuntimeException) thrown;
    }
}
