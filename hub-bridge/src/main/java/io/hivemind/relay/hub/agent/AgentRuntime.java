package io.hivemind.relay.hub.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * The runtime the relay's configuration selects: a {@link HubAgentRuntime} when {@code HIVEMIND_HUB_URL} is set,
     * else an {@link EmbeddedAgentRuntime} over the agents file {@link AgentsFile#locate} finds, else none.
     *
     * @param environment      the relay's environment ({@code System.getenv()})
     * @param workingDirectory where a relative agents file path and {@code agents/agents.yaml} are looked up
     * @param machine          the {@code machine} of local agents that do not name one (the host name)
     * @throws IllegalArgumentException if the hub settings are incomplete or malformed
     * @throws AgentsFileException      if the agents file cannot be used
     */
    static Optional<AgentRuntime> fromEnvironment(Map<String, String> environment, Path workingDirectory,
                                                  String machine) {
        Optional<HubSettings> hub = HubSettings.fromEnvironment(environment);
        if (hub.isPresent()) {
            return Optional.of(new HubAgentRuntime(hub.get()));
        }
        return AgentsFile.locate(environment, workingDirectory)
                .map(file -> EmbeddedAgentRuntime.fromFile(file, machine));
    }

    /** The call-capable agents. */
    CompletableFuture<List<AgentProfile>> agents();

    /** Asks one agent; the answer or an {@link AgentRuntimeException} with its {@link AgentErrorCode}. */
    CompletableFuture<AgentAnswer> ask(AgentRequest request);

    /** Stops the runtime: asks in flight end with {@link AgentErrorCode#UNAVAILABLE} or their own outcome. */
    @Override
    void close();
}
