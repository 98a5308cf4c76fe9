package io.hivemind.relay.server;

import io.hivemind.relay.hub.agent.AgentProfile;
import io.hivemind.relay.hub.realtime.ClientSecret;
import io.hivemind.relay.hub.realtime.ClientSecretMinter;
import io.hivemind.relay.hub.realtime.RealtimeSessionConfig;
import io.hivemind.relay.hub.realtime.ServerVad;
import io.hivemind.relay.hub.worker.VoiceWorker;
import io.hivemind.relay.hub.worker.VoiceWorkerObserver;
import io.hivemind.relay.hub.worker.VoiceWorkers;
import io.hivemind.relay.hub.worker.WorkerState;
import io.hivemind.relay.server.store.CallMode;
import io.hivemind.relay.server.store.CallRecordStore;
import io.hivemind.relay.server.store.NewCall;
import io.hivemind.relay.sfu.api.RoomService;
import io.hivemind.relay.sfu.room.ParticipantInfo;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.room.RoomEvent;
import io.hivemind.relay.signaling.auth.TokenService;
import io.hivemind.relay.signaling.auth.VideoGrant;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls to agents, in either mode: <b>room</b> (a fresh room, the agent's voice worker dispatched into it, a join
 * token for the caller) or <b>BYOK</b> (a short-lived Realtime client secret for the agent's session; the caller
 * talks to OpenAI and only the tool calls come back here). Each call is a record in SQLite from start to end and a
 * small state machine: {@code connecting → agent_joining → live → ended}, with the agent's own state
 * (listening / thinking / speaking) while live. A call ends on hang-up, when the caller leaves its room, when nobody
 * joins within the ring timeout, when nothing happens for the idle timeout, or when the agent's worker ends.
 */
final class CallService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallService.class);
    /** A room call nobody joins within this ends as {@code ring_timeout}. */
    static final Duration RING_TIMEOUT = Duration.ofSeconds(60);
    /** A call where neither side does anything for this long ends as {@code idle}. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** How long the caller's join token is valid: long enough for a call, short enough to die soon after. */
    static final Duration CALL_TOKEN_TTL = Duration.ofHours(2);

    enum State { CONNECTING, AGENT_JOINING, LIVE, ENDED }

    /** One call; fields change on several threads, each written whole. */
    static final class Call {
        final long id;
        final String caller;
        final AgentProfile agent;
        final CallMode mode;
        final String room;
        final Instant startedAt;
        final AtomicInteger toolCalls = new AtomicInteger();
        volatile State state = State.CONNECTING;
        volatile String agentState = "";
        volatile String endReason;
        volatile Instant endedAt;
        volatile Instant lastActivity;
        volatile boolean callerJoined;

        Call(long id, String caller, AgentProfile agent, CallMode mode, String room, Instant startedAt) {
            this.id = id;
            this.caller = caller;
            this.agent = agent;
            this.mode = mode;
            this.room = room;
            this.startedAt = startedAt;
            this.lastActivity = startedAt;
        }

        Map<String, Object> view() {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("callId", Long.toString(id));
            out.put("mode", mode.wireName());
            out.put("agentId", agent.id());
            out.put("room", room);
            out.put("state", state.name().toLowerCase(Locale.ROOT));
            out.put("agentState", agentState);
            out.put("endReason", endReason);
            out.put("toolCalls", toolCalls.get());
            out.put("startedAt", startedAt.toString());
            out.put("endedAt", endedAt == null ? null : endedAt.toString());
            return out;
        }
    }

    private final VoiceWorkers workers;
    private final RoomService rooms;
    private final TokenService tokens;
    private final String apiKey;
    private final CallRecordStore records;
    private final Optional<ClientSecretMinter> secrets;
    private final RealtimeConfig realtime;
    private final Clock clock;
    private final Map<Long, Call> calls = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            new io.netty.util.concurrent.DefaultThreadFactory("call-timer", true));

    /** @param apiKey the API key the callers' join tokens are minted with */
    CallService(VoiceWorkers workers, RoomService rooms, TokenService tokens, String apiKey, CallRecordStore records,
            Optional<ClientSecretMinter> secrets, RealtimeConfig realtime, Clock clock) {
        this.workers = workers;
        this.rooms = rooms;
        this.tokens = tokens;
        this.apiKey = apiKey;
        this.records = records;
        this.secrets = secrets;
        this.realtime = realtime;
        this.clock = clock;
        timer.scheduleWithFixedDelay(this::checkTimeouts, 1, 1, TimeUnit.SECONDS);
    }

    /** Starts a call of {@code caller} to {@code agentId}; the answer carries what the caller needs to connect. */
    CompletableFuture<Map<String, Object>> start(String caller, String agentId, CallMode mode) {
        if (mode == CallMode.ROOM && !workers.available() || mode == CallMode.BYOK && secrets.isEmpty()) {
            return CompletableFuture.failedFuture(new SignalingException(ErrorCode.VOICE_UNAVAILABLE,
                    "voice is off: the server has no OpenAI key"));
        }
        return workers.agents().thenCompose(agents -> {
            AgentProfile agent = agents.stream().filter(a -> a.id().equals(agentId)).findFirst()
                    .orElseThrow(() -> new SignalingException(ErrorCode.UNKNOWN_AGENT, "no such agent"));
            String room = mode == CallMode.ROOM ? "call-" + Long.toHexString(System.nanoTime()) : null;
            return records.open(new NewCall(caller, agentId, mode, room)).thenCompose(id -> {
                Call call = new Call(id, caller, agent, mode, room, clock.instant());
                calls.put(id, call);
                LOG.info("call {} started: {} → agent {} ({})", id, caller, agentId, mode.wireName());
                return mode == CallMode.ROOM ? startRoom(call) : startByok(call);
            });
        });
    }

    private CompletableFuture<Map<String, Object>> startRoom(Call call) {
        Room room = rooms.createRoom(call.room);
        // Whoever joins the call's room learns its state at once; later changes are pushed as they happen.
        room.addListener(event -> {
            if (event instanceof RoomEvent.ParticipantJoined joined && !joined.participant().agent()) {
                push(call);
            }
        });
        call.state = State.AGENT_JOINING;
        workers.dispatch(call.room, call.agent.id(), call.caller, Long.toString(call.id), new Observer(call))
                .whenComplete((worker, failure) -> {
                    if (failure != null) {
                        end(call, "agent_failed", failure.getCause() != null ? failure.getCause().getMessage()
                                : failure.getMessage());
                    }
                });
        Map<String, Object> answer = call.view();
        answer.put("token", tokens.mint(tokens.grantFor(apiKey, call.caller, call.caller, CALL_TOKEN_TTL,
                VideoGrant.join(call.room))));
        answer.put("agent", AgentRoutes.describe(call.agent));
        return CompletableFuture.completedFuture(answer);
    }

    private CompletableFuture<Map<String, Object>> startByok(Call call) {
        return secrets.get().mint(RealtimeSessionConfig.forAgent(call.agent, realtime.transcriptionModel(),
                ServerVad.DEFAULT)).handle((secret, failure) -> {
                    if (failure != null) {
                        end(call, "secret_failed", "the Realtime API refused the client secret");
                        throw new SignalingException(ErrorCode.UPSTREAM_FAILED, "could not mint a client secret");
                    }
                    call.state = State.LIVE;
                    Map<String, Object> answer = call.view();
                    answer.put("clientSecret", secretView(secret));
                    answer.put("askUrl", "/api/calls/" + call.id + "/ask");
                    answer.put("agent", AgentRoutes.describe(call.agent));
                    return answer;
                });
    }

    private static Map<String, Object> secretView(ClientSecret secret) {
        return Map.of("value", secret.value().reveal(), "expires_at", secret.expiresAt().getEpochSecond(),
                "model", secret.model());
    }

    /** The call {@code id} of {@code caller}. */
    Call call(String id, String caller) {
        Call call;
        try {
            call = calls.get(Long.parseLong(id));
        } catch (NumberFormatException e) {
            call = null;
        }
        if (call == null || !call.caller.equals(caller)) {
            throw new SignalingException(ErrorCode.NOT_FOUND, "no such call");
        }
        return call;
    }

    /** Pushes the call's state to everyone in its room (room calls; a BYOK call has no room to push to). */
    private void push(Call call) {
        if (call.room != null) {
            rooms.room(call.room).ifPresent(room -> room.callState(Long.toString(call.id),
                    call.state.name().toLowerCase(Locale.ROOT), call.agentState, call.endReason)
                    .exceptionally(e -> null));
        }
    }

    /** A tool call of a BYOK call went through the relay. */
    void toolCalled(Call call) {
        call.toolCalls.incrementAndGet();
        call.lastActivity = clock.instant();
        records.markToolCall(call.id);
    }

    /** Ends {@code call} (idempotent): the worker leaves, the room closes, the record gets its end. */
    void end(Call call, String reason, String error) {
        synchronized (call) {
            if (call.state == State.ENDED) {
                return;
            }
            call.state = State.ENDED;
            call.endReason = reason;
            call.endedAt = clock.instant();
        }
        LOG.info("call {} ended: {}", call.id, reason);
        // Queued on the room's loop before its close, so the caller hears why before it is told to leave.
        push(call);
        if (call.mode == CallMode.ROOM) {
            workers.remove(call.room, call.agent.id()).exceptionally(e -> null);
            rooms.closeRoom(call.room).exceptionally(e -> null);
        }
        records.close(call.id, reason, error).exceptionally(e -> {
            LOG.warn("call {}: its record could not be closed: {}", call.id, e.toString());
            return null;
        });
    }

    /** Ring, caller-left and idle timeouts, once a second. */
    void checkTimeouts() {
        Instant now = clock.instant();
        for (Call call : calls.values()) {
            if (call.state == State.ENDED) {
                if (call.endedAt.plus(Duration.ofMinutes(5)).isBefore(now)) {
                    calls.remove(call.id);
                }
                continue;
            }
            if (call.mode == CallMode.ROOM) {
                Optional<Room> room = rooms.room(call.room);
                List<ParticipantInfo> people = room.map(CallService::participants).orElse(List.of());
                boolean humans = people.stream().anyMatch(p -> !p.agent());
                if (humans) {
                    call.callerJoined = true;
                } else if (call.callerJoined) {
                    end(call, "caller_left", null);
                    continue;
                } else if (call.startedAt.plus(RING_TIMEOUT).isBefore(now)) {
                    end(call, "ring_timeout", null);
                    continue;
                }
            }
            if (call.lastActivity.plus(IDLE_TIMEOUT).isBefore(now)) {
                end(call, "idle", null);
            }
        }
    }

    /** The timer thread may wait for the room's loop briefly; it is not an event loop. */
    private static List<ParticipantInfo> participants(Room room) {
        try {
            return room.participants().get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        calls.values().forEach(call -> end(call, "server_stopped", null));
    }

    /** Follows the call's voice worker. */
    private final class Observer implements VoiceWorkerObserver {
        private final Call call;

        Observer(Call call) {
            this.call = call;
        }

        @Override
        public void onState(VoiceWorker worker, WorkerState state, String detail) {
            if (state == WorkerState.ENDED) {
                end(call, "agent_left", detail);
                return;
            }
            call.agentState = state.name().toLowerCase(Locale.ROOT);
            if (state != WorkerState.CONNECTING && call.state == State.AGENT_JOINING) {
                call.state = State.LIVE;
            }
            push(call);
            if (state != WorkerState.LISTENING) {
                call.lastActivity = clock.instant();
            }
        }

        @Override
        public void onToolCall(VoiceWorker worker, String error) {
            toolCalled(call);
        }
    }
}
