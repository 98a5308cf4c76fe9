package io.hivemind.relay.hub.agent;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link AgentRuntime}: agents are local commands declared in an agents file ({@link AgentsFile}). An
 * ask runs the agent's command in its directory with the request on standard input — never in a shell, never in
 * argv — and answers with its standard output.
 *
 * <p>Each ask runs on this runtime's own bounded pool ({@code agent-ask-N}, three threads per ask: output, input,
 * errors), never on the caller's thread. Limits: the agent's timeout (or the request's, if shorter), its output limit
 * (more output ends the command and the answer is marked truncated), its {@code max_concurrent} asks, and
 * {@code maxAsks} asks for the whole runtime; an ask beyond a limit fails at once with {@code busy}.
 *
 * <p>The command's environment is built from nothing: {@code PATH}, {@code HOME} and {@code LANG} from the relay's
 * environment, the agent's own {@code env} variables, and the call context as {@code HIVEMIND_*} variables. Nothing
 * else of the relay's environment (API keys, the Realtime key, the LiveKit secret) reaches an agent.
 */
public final class EmbeddedAgentRuntime implements AgentRuntime {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedAgentRuntime.class);

    /** Prefix of the context variables; the agents file may not set these. */
    public static final String CONTEXT_PREFIX = "HIVEMIND_";
    /** The agent's own id. */
    public static final String AGENT_ID_VARIABLE = "HIVEMIND_AGENT_ID";
    /** The room the ask comes from, when there is one. */
    public static final String ROOM_VARIABLE = "HIVEMIND_ROOM";
    /** Identity of the participant who called the agent. */
    public static final String CALLER_VARIABLE = "HIVEMIND_CALLER";
    /** Identifier of the call. */
    public static final String CALL_ID_VARIABLE = "HIVEMIND_CALL_ID";
    /** Identity of the participant whose words led to the ask. */
    public static final String SPEAKER_VARIABLE = "HIVEMIND_SPEAKER";
    /** The only variables taken from the relay's own environment. */
    public static final List<String> INHERITED_VARIABLES = List.of("PATH", "HOME", "LANG");

    /** Default bound on asks running at once across all agents. */
    public static final int DEFAULT_MAX_ASKS = 8;
    private static final int THREADS_PER_ASK = 3;

    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final Map<String, String> inherited = new HashMap<>();
    private final Semaphore asks;
    private final int maxAsks;
    private final ExecutorService pool;
    private volatile boolean closed;

    private record Agent(AgentDefinition definition, Semaphore permits) {
    }

    /**
     * @param definitions     the agents (ids are unique: {@link AgentsFile} checks it)
     * @param hostEnvironment the relay's environment ({@code System.getenv()}); only {@link #INHERITED_VARIABLES}
     *                        are read from it
     * @param maxAsks         most asks running at once across all agents
     */
    public EmbeddedAgentRuntime(List<AgentDefinition> definitions, Map<String, String> hostEnvironment, int maxAsks) {
        if (maxAsks < 1) {
            throw new IllegalArgumentException("maxAsks must be positive, got " + maxAsks);
        }
        for (AgentDefinition definition : definitions) {
            Agent previous = agents.put(definition.id(),
                    new Agent(definition, new Semaphore(definition.maxConcurrent())));
            if (previous != null) {
                throw new IllegalArgumentException("duplicate agent id '" + definition.id() + "'");
            }
        }
        for (String name : INHERITED_VARIABLES) {
            String value = hostEnvironment.get(name);
            if (value != null) {
                inherited.put(name, value);
            }
        }
        this.maxAsks = maxAsks;
        this.asks = new Semaphore(maxAsks);
        this.pool = Executors.newFixedThreadPool(THREADS_PER_ASK * maxAsks,
                new DefaultThreadFactory("agent-ask", true));
    }

    /**
     * The runtime for an agents file, with the relay's environment and {@link #DEFAULT_MAX_ASKS}.
     *
     * @param machine the {@code machine} of agents that do not name one
     * @throws AgentsFileException if the file cannot be used
     */
    public static EmbeddedAgentRuntime fromFile(Path file, String machine) {
        List<AgentDefinition> definitions = AgentsFile.load(file, machine);
        log.info("{} agent(s) from {}: {}", definitions.size(), file,
                definitions.stream().map(AgentDefinition::id).toList());
        return new EmbeddedAgentRuntime(definitions, System.getenv(), DEFAULT_MAX_ASKS);
    }

    @Override
    public CompletableFuture<List<AgentProfile>> agents() {
        return CompletableFuture.completedFuture(
                agents.values().stream().map(agent -> agent.definition().profile()).toList());
    }

    @Override
    public CompletableFuture<AgentAnswer> ask(AgentRequest request) {
        try {
            request.validate();
        } catch (AgentRuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Agent agent = agents.get(request.agentId());
        if (agent == null) {
            return failed(AgentErrorCode.UNKNOWN_AGENT, "there is no agent '" + request.agentId() + "'");
        }
        if (closed) {
            return failed(AgentErrorCode.UNAVAILABLE, "the agent runtime is shutting down");
        }
        AgentDefinition definition = agent.definition();
        if (!agent.permits().tryAcquire()) {
            return failed(AgentErrorCode.BUSY, "agent '" + definition.id() + "' is already answering "
                    + definition.maxConcurrent() + " request(s); ask again when it is done");
        }
        if (!asks.tryAcquire()) {
            agent.permits().release();
            return failed(AgentErrorCode.BUSY, "the relay is already running " + maxAsks + " agent requests");
        }
        Duration timeout = request.timeout() == null || request.timeout().compareTo(definition.timeout()) > 0
                ? definition.timeout() : request.timeout();
        Ask ask = new Ask(agent, request.text(), environment(definition, request.context()), timeout);
        try {
            pool.execute(ask);
        } catch (RejectedExecutionException e) {
            ask.abandon();
        }
        return ask.answer;
    }

    /** The complete environment of one ask's process. */
    private Map<String, String> environment(AgentDefinition definition, CallContext context) {
        Map<String, String> environment = new HashMap<>(inherited);
        environment.putAll(definition.environment());
        environment.put(AGENT_ID_VARIABLE, definition.id());
        putIfPresent(environment, ROOM_VARIABLE, context.room());
        putIfPresent(environment, CALLER_VARIABLE, context.caller());
        putIfPresent(environment, CALL_ID_VARIABLE, context.callId());
        putIfPresent(environment, SPEAKER_VARIABLE, context.speaker());
        return environment;
    }

    private static void putIfPresent(Map<String, String> environment, String name, String value) {
        if (value != null) {
            environment.put(name, value);
        }
    }

    private static <T> CompletableFuture<T> failed(AgentErrorCode code, String message) {
        return CompletableFuture.failedFuture(new AgentRuntimeException(code, message));
    }

    /** Stops taking asks; asks in flight are interrupted, their processes destroyed, and they fail unavailable. */
    @Override
    public void close() {
        closed = true;
        for (Runnable waiting : pool.shutdownNow()) {
            if (waiting instanceof Ask ask) {
                ask.abandon();
            }
        }
    }

    /** One admitted ask: holds a runtime permit and an agent permit until it ends, and releases them first. */
    @Override
    public String toString() {
        return "embedded runtime with agents " + String.join(", ", agents.keySet());
    }

    private final class Ask implements Runnable {

        private final Agent agent;
        private final String text;
        private final Map<String, String> environment;
        private final Duration timeout;
        private final CompletableFuture<AgentAnswer> answer = new CompletableFuture<>();

        Ask(Agent agent, String text, Map<String, String> environment, Duration timeout) {
            this.agent = agent;
            this.text = text;
            this.environment = environment;
            this.timeout = timeout;
        }

        @Override
        public void run() {
            AgentDefinition definition = agent.definition();
            AgentAnswer result;
            try {
                result = AgentProcess.run(definition, text, environment, timeout, pool);
            } catch (RuntimeException e) {
                release();
                AgentRuntimeException failure = e instanceof AgentRuntimeException known ? known
                        : new AgentRuntimeException(AgentErrorCode.FAILED, "agent '" + definition.id()
                                + "' could not be run (" + e.getClass().getSimpleName() + ")", e);
                log.info("agent '{}': {}", definition.id(), failure.toString());
                answer.completeExceptionally(failure);
                return;
            }
            // Released before completion, so whoever sees the answer may ask again at once.
            release();
            answer.complete(result);
        }

        /** Ends an ask that never ran. */
        void abandon() {
            release();
            answer.completeExceptionally(
                    new AgentRuntimeException(AgentErrorCode.UNAVAILABLE, "the agent runtime is shutting down"));
        }

        private void release() {
            asks.release();
            agent.permits().release();
        }
    }
}
