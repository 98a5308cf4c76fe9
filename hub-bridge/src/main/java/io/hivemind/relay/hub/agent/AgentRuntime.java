package io.hivemind.relay.hub.agent;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where {@code ask_computer_agent} goes: the call-capable agents and a way to ask one. Both operations return at once
 * and never block or run an agent on the calling thread, so a Netty event loop may call them; the work happens on the
 * runtime's own threads, where the future completes (or it is already complete, for an answer known at once such as
 * an unknown agent). A caller that must continue on an event loop hops back to it itself. Failures complete the
 * future exceptionally with an {@link AgentRuntimeException}.
 *
 * <p>Two implementations: {@link EmbeddedAgentRuntime} (the default; local commands from an agents file) and
 * {@link HubAgentRuntime} (a HivemindOS hub over HTTP). The contract is in docs/hub-api.md.
 */
public interface AgentRuntime extends AutoCloseable {

    /** The call-capable agents. */
    CompletableFuture<List<AgentProfile>> agents();

    /** Asks one agent; the answer or an {@link AgentRuntimeException} with its {@link AgentErrorCode}. */
    CompletableFuture<AgentAnswer> ask(AgentRequest request);

    /** Stops the runtime: asks in flight end with {@link AgentErrorCode#UNAVAILABLE} or their own outcome. */
    @Override
    void close();
}
