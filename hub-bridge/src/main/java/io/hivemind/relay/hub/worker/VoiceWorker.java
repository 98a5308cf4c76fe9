package io.hivemind.relay.hub.worker;

import io.hivemind.relay.hub.agent.AgentErrorCode;
import io.hivemind.relay.hub.agent.AgentProfile;
import io.hivemind.relay.hub.agent.AgentRequest;
import io.hivemind.relay.hub.agent.AgentRuntime;
import io.hivemind.relay.hub.agent.CallContext;
import io.hivemind.relay.hub.realtime.AskComputerAgentTool;
import io.hivemind.relay.hub.realtime.RealtimeClient;
import io.hivemind.relay.hub.realtime.RealtimeListener;
import io.hivemind.relay.hub.realtime.RealtimeServerEvent;
import io.hivemind.relay.hub.realtime.RealtimeSessionConfig;
import io.hivemind.relay.hub.voice.Pacing;
import io.hivemind.relay.hub.voice.VoiceParticipant;
import io.hivemind.relay.media.time.NanoClock;
import io.hivemind.relay.sfu.api.RoomService;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.room.RoomEvent;
import io.hivemind.relay.sfu.room.RoomEvent.CaptionRole;
import io.hivemind.relay.sfu.room.RoomListener;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's voice in one room: the mouth and ears of a HivemindOS agent, never a replacement for it. It joins the
 * room in process as {@code agent-<id>} ({@link VoiceParticipant}), streams the mix-minus of everyone else to an
 * OpenAI Realtime session ({@link RealtimeClient}), plays the model's audio into the room, routes every
 * {@code ask_computer_agent} call to the agent's own runtime, and publishes captions.
 *
 * <p><b>Threads</b>: the voice thread (20 ms tick) hands heard audio to the client; the client's loop delivers
 * server events here, and nothing here blocks it: asks run on the runtime's own executor and come back through the
 * client, which queues {@code response.create} until no response is active (never two at once).
 *
 * <p><b>Barge-in</b>: on {@code input_audio_buffer.speech_started} the queued audio is flushed within one frame and
 * the item is truncated to what the room actually heard; the server cancels its own response
 * ({@code interrupt_response}), so no {@code response.cancel} is sent.
 *
 * <p><b>Floor</b>: the worker takes its room's {@link Floor} with the first audio of an answer and gives it back
 * once that answer played out or a human barged in; an answer that finds the floor taken is cancelled and erased
 * (truncated to 0 ms), never played, and asked for again when the floor comes free (not after a barge-in). Alone
 * in the room the model answers every turn by itself; with other agents present the session stops answering by
 * itself ({@code create_response: false}) and the worker asks for an answer only for a human's turn that
 * addresses this agent, or any agent when this one is the lead (see docs/architecture.md, "Floor control in
 * multi-agent rooms"). See {@link TurnTaking}.
 */
public final class VoiceWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VoiceWorker.class);

    private final AgentProfile agent;
    private final String roomName;
    private final String caller;
    private final String callId;
    private final AgentRuntime runtime;
    private final Duration askTimeout;
    private final VoiceWorkerObserver observer;
    private final RealtimeClient client;
    private final Floor.Seat seat;
    /** The session when the agent is alone in the room: the model answers every turn. */
    private final RealtimeSessionConfig soloSession;
    /** The session among other agents: the worker asks for the answers; callers are always transcribed. */
    private final RealtimeSessionConfig sharedSession;
    private final String logPrefix;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger asksInFlight = new AtomicInteger();
    private final AtomicInteger toolCalls = new AtomicInteger();
    private volatile VoiceParticipant participant;
    private volatile CaptionBoard captions;
    private volatile boolean sessionOpen;
    private volatile WorkerState state = WorkerState.CONNECTING;
    private volatile Room room;
    private volatile RoomListener departure;
    /** Whether the session answers only when asked (other agents are in the room); guarded by this. */
    private boolean shared;
    private final TurnTaking turnTaking;

    private VoiceWorker(AgentProfile agent, String roomName, String caller, String callId, AgentRuntime runtime,
            VoiceWorkerSettings settings, EventLoopGroup group, Class<? extends Channel> channelType,
            VoiceWorkerObserver observer, Floor.Seat seat) {
        this.agent = agent;
        this.roomName = roomName;
        this.caller = caller;
        this.callId = callId;
        this.runtime = runtime;
        this.askTimeout = settings.askTimeout();
        this.observer = observer;
        this.logPrefix = "room=" + roomName + " agent=" + agent.id();
        this.seat = seat;
        this.turnTaking = new TurnTaking(seat);
        this.soloSession = RealtimeSessionConfig.forAgent(agent, settings.transcriptionModel(), settings.vad());
        // Addressing by name needs the caller's words, so among agents the caller is transcribed regardless.
        this.sharedSession = soloSession.withAutoRespond(false).withTranscription(
                settings.transcriptionModel().isBlank() ? RealtimeSessionConfig.DEFAULT_TRANSCRIPTION_MODEL
                        : settings.transcriptionModel());
        this.shared = seat.shared();
        this.client = RealtimeClient.builder(settings.endpoint(), settings.key(), shared ? sharedSession
                        : soloSession, new Events()).transport(group, channelType).build();
    }

    /**
     * Joins {@code roomName} (which must exist) as the agent's voice and opens its Realtime session, with a floor
     * of its own: it answers every turn, as an agent alone in a room does. {@link VoiceWorkers} seats the workers of
     * one room at one shared floor instead.
     *
     * @param caller who asked for the agent (its identity), passed to the agent with every ask
     * @param callId the call this worker serves, or null
     * @return completes once the worker is in the room and speaking is possible; fails with the room's error
     */
    public static CompletableFuture<VoiceWorker> start(RoomService rooms, String roomName, AgentProfile agent,
            String caller, String callId, AgentRuntime runtime, VoiceWorkerSettings settings, EventLoopGroup group,
            Class<? extends Channel> channelType, VoiceWorkerObserver observer) {
        return start(rooms, roomName, agent, caller, callId, runtime, settings, group, channelType, observer,
                new Floor().join(agent.id(), agent.name()));
    }

    /** The same, seated at the room's floor shared with the other agents (see {@link VoiceWorkers}). */
    static CompletableFuture<VoiceWorker> start(RoomService rooms, String roomName, AgentProfile agent,
            String caller, String callId, AgentRuntime runtime, VoiceWorkerSettings settings, EventLoopGroup group,
            Class<? extends Channel> channelType, VoiceWorkerObserver observer, Floor.Seat seat) {
        VoiceWorker worker;
        try {
            worker = new VoiceWorker(agent, roomName, caller, callId, runtime, settings, group, channelType,
                    observer, seat);
        } catch (RuntimeException e) {
            seat.leave();
            throw e;
        }
        return VoiceParticipant.join(rooms, roomName, agent.id(), agent.name(), settings.audio(), NanoClock.SYSTEM,
                        worker::heard, Pacing.REAL_TIME)
                .handle((joined, failure) -> {
                    if (failure != null) {
                        worker.client.close();
                        seat.leave();
                        throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
                    }
                    worker.joined(rooms.requireRoom(roomName), joined);
                    return worker;
                });
    }

    private void joined(Room joinedRoom, VoiceParticipant joined) {
        room = joinedRoom;
        participant = joined;
        captions = new CaptionBoard(joinedRoom, joined.identity());
        departure = event -> {
            if (event instanceof RoomEvent.ParticipantLeft left
                    && left.participant().identity().equals(joined.identity())) {
                end(left.reason());
            }
        };
        joinedRoom.addListener(departure);
        seat.follow(new Floor.Listener() {
            @Override
            public void onMembersChanged() {
                followFloor();
            }

            @Override
            public void onFloorFreed(boolean byBargeIn) {
                if (turnTaking.retryOnFreedFloor(byBargeIn)) {
                    client.requestResponse();
                }
            }
        });
        followFloor();
        client.start();
        log.info("{} voice worker joined as {}", logPrefix, joined.identity());
    }

    /** Agents came or left: alone the model answers by itself, among others the worker decides. */
    private synchronized void followFloor() {
        boolean nowShared = seat.shared();
        if (nowShared != shared) {
            shared = nowShared;
            client.updateSession(nowShared ? sharedSession : soloSession);
            log.info("{} {}", logPrefix, nowShared ? "shares the room with other agents: answers when addressed"
                    + (seat.lead() ? " and as the lead" : "") : "is the only agent: answers every turn");
        }
    }

    private synchronized boolean shared() {
        return shared;
    }

    /** Voice thread, every chunk: what the agent hears goes to the model; the state follows the playback. */
    private void heard(byte[] pcm24kLe, long captureNanos) {
        client.appendAudio(pcm24kLe, 0, pcm24kLe.length);
        VoiceParticipant joined = participant;
        if (joined != null) {
            turnTaking.playedOut(joined.output());
        }
        if (joined != null && sessionOpen && asksInFlight.get() == 0) {
            moveTo(joined.output().talking() ? WorkerState.SPEAKING : WorkerState.LISTENING, "");
        }
    }

    /** The agent this worker speaks for. */
    public AgentProfile agent() {
        return agent;
    }

    public String roomName() {
        return roomName;
    }

    /** The worker's participant identity ({@code agent-<id>}). */
    public String identity() {
        return "agent-" + agent.id();
    }

    public WorkerState state() {
        return state;
    }

    /** {@code ask_computer_agent} calls answered so far. */
    public int toolCalls() {
        return toolCalls.get();
    }

    /** Answers dropped because another agent held the floor. */
    public int droppedAnswers() {
        return turnTaking.droppedAnswers();
    }

    /** The latest caption text of {@code role}; "" before any. */
    public String caption(CaptionRole role) {
        CaptionBoard board = captions;
        return board == null ? "" : board.text(role);
    }

    /** Called from the voice thread and the client's loop; synchronized so a state and its report stay paired. */
    private synchronized void moveTo(WorkerState next, String detail) {
        if (state != next && state != WorkerState.ENDED) {
            state = next;
            observer.onState(this, next, detail);
            Room joinedRoom = room;
            if (joinedRoom != null && next != WorkerState.ENDED) {
                // The room shows everyone the agent's live state; after it left there is no one to show.
                joinedRoom.agentState(identity(), next.name().toLowerCase(Locale.ROOT)).exceptionally(e -> null);
            }
        }
    }

    /** Leaves the room and ends the Realtime session. */
    @Override
    public void close() {
        end("removed");
    }

    private void end(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        client.close();
        seat.leave();
        if (room != null) {
            room.removeListener(departure);
        }
        VoiceParticipant joined = participant;
        if (joined != null) {
            joined.leave();
        }
        moveTo(WorkerState.ENDED, reason);
        log.info("{} voice worker ended: {}", logPrefix, reason);
    }

    private void ask(RealtimeServerEvent.FunctionCallArgumentsDone call) {
        Optional<String> request = AskComputerAgentTool.NAME.equals(call.name())
                ? AskComputerAgentTool.request(call.arguments()) : Optional.empty();
        if (request.isEmpty()) {
            answer(call.callId(), ToolOutput.error(AgentErrorCode.INVALID_REQUEST, "call " + AskComputerAgentTool.NAME
                    + " with a non-empty \"" + AskComputerAgentTool.REQUEST_PARAMETER + "\""), "invalid call");
            return;
        }
        asksInFlight.incrementAndGet();
        moveTo(WorkerState.THINKING, "");
        CallContext context = new CallContext(roomName, caller, callId, caller);
        runtime.ask(new AgentRequest(agent.id(), request.get(), context, askTimeout)).whenComplete((answer, error) -> {
            asksInFlight.decrementAndGet();
            if (error == null) {
                answer(call.callId(), ToolOutput.answer(answer), null);
            } else {
                log.info("{} ask_computer_agent failed: {}", logPrefix, error.toString());
                answer(call.callId(), ToolOutput.error(error), error.toString());
            }
        });
    }

    private void answer(String callId, String output, String error) {
        toolCalls.incrementAndGet();
        client.sendFunctionCallOutput(callId, output);
        client.requestResponse();
        observer.onToolCall(this, error);
    }

    /** The client's loop: server events, in order. */
    private final class Events implements RealtimeListener {

        @Override
        public void onEvent(RealtimeServerEvent event) {
            VoiceParticipant joined = participant;
            CaptionBoard board = captions;
            if (joined == null || board == null) {
                return;
            }
            if (event instanceof RealtimeServerEvent.SessionCreated
                    || event instanceof RealtimeServerEvent.SessionUpdated) {
                sessionOpen = true;
            } else if (event instanceof RealtimeServerEvent.OutputAudioDelta delta) {
                if (turnTaking.voice(delta.itemId(), () -> drop(delta))) {
                    joined.output().speak(delta.itemId(), delta.pcm());
                }
            } else if (event instanceof RealtimeServerEvent.OutputAudioDone
                    || event instanceof RealtimeServerEvent.ResponseDone) {
                turnTaking.audioEnded();
            } else if (event instanceof RealtimeServerEvent.SpeechStarted started) {
                // Only audio still waiting is cut: an answer played to its end was heard whole, and after a
                // reconnect its item is not even in the new session's conversation (the server would refuse it).
                // Audio is queued on this loop only, so nothing can be added between the check and the cut.
                if (joined.output().queuedMillis() > 0) {
                    joined.output().interrupt()
                            .ifPresent(cut -> client.truncate(cut.itemId(), 0, cut.audioEndMillis()));
                }
                turnTaking.speechStarted(started.itemId());
            } else if (event instanceof RealtimeServerEvent.InputTranscriptDelta delta) {
                board.delta(CaptionRole.USER, delta.itemId(), delta.delta());
            } else if (event instanceof RealtimeServerEvent.InputTranscriptCompleted done) {
                board.done(CaptionRole.USER, done.itemId(), done.transcript());
                turnEnded(done);
            } else if (event instanceof RealtimeServerEvent.OutputTranscriptDelta delta) {
                board.delta(CaptionRole.AGENT, delta.responseId(), delta.delta());
            } else if (event instanceof RealtimeServerEvent.OutputTranscriptDone done) {
                board.done(CaptionRole.AGENT, done.responseId(), done.transcript());
            } else if (event instanceof RealtimeServerEvent.FunctionCallArgumentsDone call) {
                ask(call);
            } else if (event instanceof RealtimeServerEvent.ServerError error) {
                log.warn("{} Realtime error {} ({}): {}", logPrefix, error.code(), error.errorType(),
                        error.message());
            }
        }

        /** Another agent holds the floor: cancelled so the model stops, erased so it knows nobody heard it. */
        private void drop(RealtimeServerEvent.OutputAudioDelta delta) {
            client.cancelResponse(delta.responseId());
            client.truncate(delta.itemId(), 0, 0);
            log.debug("{} answer {} dropped: another agent holds the floor", logPrefix, delta.itemId());
        }

        /** Among agents: answers a human's turn addressed to this agent, or to nobody when this one is the lead. */
        private void turnEnded(RealtimeServerEvent.InputTranscriptCompleted done) {
            if (turnTaking.answers(done.itemId(), done.transcript()) && shared()) {
                client.requestResponse();
            }
        }

        @Override
        public void onReconnecting(int attempt, Duration delay, String reason) {
            sessionOpen = false;
            VoiceParticipant joined = participant;
            if (joined != null) {
                // The lost session's answer cannot be truncated in the next one: stop playing it instead.
                joined.output().interrupt();
            }
            log.info("{} Realtime session lost ({}); reconnecting in {} ms, attempt {}", logPrefix, reason,
                    delay.toMillis(), attempt);
        }

        @Override
        public void onReconnected(Duration gap) {
            log.info("{} Realtime session restored after {} ms", logPrefix, gap.toMillis());
        }

        @Override
        public void onClosed(String reason) {
            end("voice session closed: " + reason);
        }
    }
}
