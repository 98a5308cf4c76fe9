package io.hivemind.relay.hub.worker;

import io.hivemind.relay.hub.agent.AgentAnswer;
import io.hivemind.relay.hub.agent.AgentProfile;
import io.hivemind.relay.hub.agent.AgentRequest;
import io.hivemind.relay.hub.agent.AgentRuntime;
import io.hivemind.relay.sfu.api.RoomService;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches agents' voice workers into rooms and removes them: at most one worker per agent and room. The workers
 * of one room share one {@link Floor}, so that one agent speaks at a time; the first agent dispatched into a room is
 * its lead while it stays. Without an OpenAI key no worker starts (one INFO line at construction says why) and every
 * dispatch fails with {@link DispatchError#VOICE_UNAVAILABLE}; rooms and everything else work as before.
 */
public final class VoiceWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VoiceWorkers.class);

    private final RoomService rooms;
    private final Optional<AgentRuntime> runtime;
    private final Optional<VoiceWorkerSettings> settings;
    private final EventLoopGroup group;
    private final Class<? extends Channel> channelType;
    private final Map<String, VoiceWorker> workers = new ConcurrentHashMap<>();
    /** Keys of dispatches in progress, so two concurrent dispatches of one agent cannot both join. */
    private final Map<String, Boolean> starting = new ConcurrentHashMap<>();
    /** Room name → its agents' floor; a room's floor goes when its last worker does. */
    private final Map<String, Floor> floors = new ConcurrentHashMap<>();

    /**
     * @param settings empty when no OpenAI key is configured
     * @param group    the loops Realtime connections run on, with their socket channel type
     */
    public VoiceWorkers(RoomService rooms, Optional<AgentRuntime> runtime, Optional<VoiceWorkerSettings> settings,
            EventLoopGroup group, Class<? extends Channel> channelType) {
        this.rooms = rooms;
        this.runtime = runtime;
        this.settings = settings;
        this.group = group;
        this.channelType = channelType;
        if (settings.isEmpty()) {
            log.info("Voice workers are off: set OPENAI_REALTIME_KEY or OPENAI_API_KEY to call agents into rooms");
        } else if (runtime.isEmpty()) {
            log.info("Voice workers have no agents: set HIVEMIND_HUB_URL or provide agents/agents.yaml");
        }
    }

    /** Whether agents can be called into rooms (a key and an agent runtime are configured). */
    public boolean available() {
        return settings.isPresent() && runtime.isPresent();
    }

    /** The call-capable agents; empty without an agent runtime. */
    public CompletableFuture<List<AgentProfile>> agents() {
        return runtime.map(AgentRuntime::agents).orElseGet(() -> CompletableFuture.completedFuture(List.of()));
    }

    /** Asks an agent directly (the BYOK path, where the client talks to OpenAI and only the tool comes here). */
    public CompletableFuture<AgentAnswer> ask(AgentRequest request) {
        return runtime.map(agents -> agents.ask(request))
                .orElseGet(() -> failed(DispatchError.AGENTS_UNAVAILABLE, "no agent runtime is configured"));
    }

    /**
     * Calls agent {@code agentId} into {@code room} (created when missing).
     *
     * @param caller who asked, passed to the agent's runtime with every ask
     * @param callId the call the worker serves, or null
     * @return the worker once it is in the room; fails with a {@link DispatchException}
     */
    public CompletableFuture<VoiceWorker> dispatch(String room, String agentId, String caller, String callId,
            VoiceWorkerObserver observer) {
        if (settings.isEmpty()) {
            return failed(DispatchError.VOICE_UNAVAILABLE, "voice workers are off: the server has no OpenAI key");
        }
        if (runtime.isEmpty()) {
            return failed(DispatchError.AGENTS_UNAVAILABLE, "no agent runtime is configured");
        }
        String key = key(room, agentId);
        if (workers.containsKey(key) || starting.putIfAbsent(key, Boolean.TRUE) != null) {
            return failed(DispatchError.ALREADY_IN_ROOM, "agent " + agentId + " is already in the room");
        }
        CompletableFuture<VoiceWorker> started = runtime.get().agents().thenCompose(agents -> {
            AgentProfile agent = agents.stream().filter(a -> a.id().equals(agentId)).findFirst()
                    .orElseThrow(() -> new DispatchException(DispatchError.UNKNOWN_AGENT, "no agent " + agentId));
            rooms.getOrCreateRoom(room);
            VoiceWorkerObserver tracked = new VoiceWorkerObserver() {
                @Override
                public void onState(VoiceWorker worker, WorkerState state, String detail) {
                    if (state == WorkerState.ENDED) {
                        workers.remove(key, worker);
                        dropFloorIfEmpty(room);
                    }
                    observer.onState(worker, state, detail);
                }

                @Override
                public void onToolCall(VoiceWorker worker, String error) {
                    observer.onToolCall(worker, error);
                }
            };
            // Seated inside the map's update so that a floor being dropped as empty is never joined.
            Floor.Seat[] seat = new Floor.Seat[1];
            floors.compute(room, (name, floor) -> {
                Floor joined = floor == null ? new Floor() : floor;
                seat[0] = joined.join(agent.id(), agent.name());
                return joined;
            });
            return VoiceWorker.start(rooms, room, agent, caller, callId, runtime.get(), settings.get(), group,
                    channelType, tracked, seat[0]);
        });
        return started.handle((worker, failure) -> {
            starting.remove(key);
            if (failure != null) {
                dropFloorIfEmpty(room);
                throw new CompletionException(translate(failure));
            }
            workers.put(key, worker);
            return worker;
        });
    }

    /** Takes agent {@code agentId}'s worker out of {@code room}. */
    public CompletableFuture<Void> remove(String room, String agentId) {
        VoiceWorker worker = workers.remove(key(room, agentId));
        if (worker == null) {
            return failed(DispatchError.NOT_IN_ROOM, "agent " + agentId + " is not in the room");
        }
        worker.close();
        return CompletableFuture.completedFuture(null);
    }

    /** The workers in rooms now. */
    public List<VoiceWorker> workers() {
        return List.copyOf(workers.values());
    }

    /** The worker of {@code agentId} in {@code room}, if any. */
    public Optional<VoiceWorker> worker(String room, String agentId) {
        return Optional.ofNullable(workers.get(key(room, agentId)));
    }

    /** Ends every worker. */
    @Override
    public void close() {
        workers.values().forEach(VoiceWorker::close);
        workers.clear();
    }

    /** The agent holding the floor of {@code room} now, if any. */
    public Optional<String> floorHolder(String room) {
        return Optional.ofNullable(floors.get(room)).map(Floor::holder);
    }

    private void dropFloorIfEmpty(String room) {
        floors.computeIfPresent(room, (name, floor) -> floor.isEmpty() ? null : floor);
    }

    private static String key(String room, String agentId) {
        // Room names and agent ids cannot contain a line feed, so the pair is unambiguous.
        return room + '\n' + agentId;
    }

    private static RuntimeException translate(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof DispatchException dispatch) {
            return dispatch;
        }
        return new DispatchException(DispatchError.JOIN_FAILED, "the agent could not join: "
                + cause.getClass().getSimpleName());
    }

    private static <T> CompletableFuture<T> failed(DispatchError error, String message) {
        return CompletableFuture.failedFuture(new DispatchException(error, message));
    }
}
