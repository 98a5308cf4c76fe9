package io.hivemind.relay.hub.realtime;

import io.hivemind.relay.media.time.NanoClock;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's connection to the OpenAI Realtime API (GA protocol): a Netty WebSocket to
 * {@code <baseUrl>?model=<model>} with {@code Authorization: Bearer <key>} and no {@code OpenAI-Beta} header, over
 * TLS with the JDK's trust store for {@code wss} (plain for a local {@code ws} endpoint).
 *
 * <p>On every new session it sends {@code session.update} and replays the text history (caller and agent
 * transcripts, function calls and their outputs), so when the socket drops or the session reaches its 60-minute
 * limit ({@code session_expired}) it reconnects with backoff and the conversation carries on after a gap. Fatal
 * errors (a refused key, no quota, the beta shape) stop it instead.
 *
 * <p>It keeps at most one response active: {@link #requestResponse()} while a response is in progress is held until
 * {@code response.done}. While no session is open, audio and truncations are dropped (they belong to the live
 * session), items go to the history and are replayed, and a response request waits for the new session.
 *
 * <p>Thread-safe: every method may be called from any thread; all state lives on one event loop, where the
 * {@link RealtimeListener} is called. The API key appears only in the handshake request, never in a log, exception
 * or {@code toString()}.
 */
public final class RealtimeClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeClient.class);

    /** Error codes after which reconnecting cannot help (every new session would fail the same way). */
    private static final Set<String> FATAL_CODES = Set.of("invalid_api_key", "insufficient_quota",
            "account_deactivated", "billing_hard_limit_reached", "beta_api_shape_disabled");
    private static final String ACTIVE_RESPONSE_CODE = "conversation_already_has_active_response";
    /** The close code the server uses after refusing the beta protocol. */
    private static final int CLOSE_BETA_REFUSED = 4000;

    private enum State { IDLE, CONNECTING, AWAITING_SESSION, READY, WAITING_TO_RECONNECT, CLOSED }

    private final RealtimeEndpoint endpoint;
    private final ApiSecret key;
    /** Event-loop state: what the next {@code session.update} sends. */
    private RealtimeSessionConfig session;
    private final RealtimeListener listener;
    private final EventLoop loop;
    private final RealtimeConnector connector;
    private final ReconnectPolicy policy;
    private final ReconnectScheduler scheduler;
    private final NanoClock clock;
    private final RandomGenerator random;
    private final ConversationHistory history;
    private final ResponseSequencer responses = new ResponseSequencer();

    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong ignoredEvents = new AtomicLong();
    private final AtomicLong malformedEvents = new AtomicLong();
    private final AtomicLong droppedAudio = new AtomicLong();
    private final AtomicLong deferredResponses = new AtomicLong();
    private final AtomicLong pings = new AtomicLong();

    // Event-loop state.
    private State state = State.IDLE;
    private Channel channel;
    private int attempt;
    private long lostAtNanos = -1;
    private String fatalReason;
    private String lossReason;

    RealtimeClient(RealtimeClientBuilder builder) {
        this.endpoint = builder.endpoint;
        this.key = builder.key;
        this.session = builder.session;
        this.listener = builder.listener;
        this.loop = builder.group.next();
        this.policy = builder.policy;
        this.clock = builder.clock;
        this.random = builder.random;
        this.history = new ConversationHistory(builder.historyCapacity);
        this.scheduler = builder.scheduler != null ? builder.scheduler
                : (delay, task) -> loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        this.connector = new RealtimeConnector(endpoint, key, builder.tls, loop, builder.channelType,
                builder.keepAlive);
    }

    /** A builder for a client of {@code endpoint} with {@code key}, configuring sessions with {@code session}. */
    public static RealtimeClientBuilder builder(RealtimeEndpoint endpoint, ApiSecret key,
            RealtimeSessionConfig session, RealtimeListener listener) {
        return new RealtimeClientBuilder(endpoint, key, session, listener);
    }

    /** Opens the first session. */
    public void start() {
        onLoop(() -> {
            if (state == State.IDLE) {
                connect();
            }
        });
    }

    /**
     * Sends {@code input_audio_buffer.append} with PCM16 LE 24 kHz mono. The bytes are encoded before this method
     * returns, so the caller may reuse the array. Dropped (and counted) while no session is open.
     */
    public void appendAudio(byte[] pcm, int offset, int length) {
        String text = ClientEventEncoder.encode(new RealtimeClientEvent.AppendAudio(pcm, offset, length));
        onLoop(() -> {
            if (state == State.READY) {
                write(text);
            } else if (state != State.CLOSED) {
                droppedAudio.incrementAndGet();
            }
        });
    }

    /** Adds {@code item} to the conversation and to the history replayed on a new session. */
    public void createItem(ConversationItem item) {
        Objects.requireNonNull(item, "item");
        onLoop(() -> {
            if (state == State.CLOSED) {
                return;
            }
            history.created(item);
            if (state == State.READY) {
                send(new RealtimeClientEvent.CreateItem(item));
            }
        });
    }

    /** Answers function call {@code callId}; follow with {@link #requestResponse()} so the model speaks. */
    public void sendFunctionCallOutput(String callId, String output) {
        createItem(new ConversationItem.FunctionCallOutput(callId, output));
    }

    /**
     * Asks for a response ({@code response.create}) as soon as none is active: at once when idle, else after the
     * current {@code response.done}. Requests made while one is waiting fold into it.
     */
    public void requestResponse() {
        onLoop(() -> {
            if (state == State.CLOSED) {
                return;
            }
            if (responses.request(state == State.READY)) {
                send(new RealtimeClientEvent.CreateResponse());
            } else {
                deferredResponses.incrementAndGet();
            }
        });
    }

    /**
     * Changes the session's configuration: sent at once as {@code session.update} when a session is open, and on
     * every new session from now on.
     */
    public void updateSession(RealtimeSessionConfig config) {
        Objects.requireNonNull(config, "config");
        onLoop(() -> {
            session = config;
            if (state == State.READY) {
                send(new RealtimeClientEvent.SessionUpdate(config));
            }
        });
    }

    /**
     * Sends {@code response.cancel} for response {@code responseId} (its {@code response.done} follows). Dropped
     * while no session is open (the response died with the lost session).
     */
    public void cancelResponse(String responseId) {
        RealtimeClientEvent.CancelResponse cancel = new RealtimeClientEvent.CancelResponse(responseId);
        onLoop(() -> {
            if (state == State.READY) {
                send(cancel);
            }
        });
    }

    /**
     * Sends {@code conversation.item.truncate}: the listeners heard {@code audioEndMs} of the agent's audio item
     * {@code itemId}. Dropped while no session is open (the item belonged to the lost session). An item truncated to
     * 0 ms was never heard: its transcript is left out of the history replayed on a new session.
     */
    public void truncate(String itemId, int contentIndex, long audioEndMs) {
        RealtimeClientEvent.TruncateItem truncate = new RealtimeClientEvent.TruncateItem(itemId, contentIndex,
                audioEndMs);
        onLoop(() -> {
            if (audioEndMs == 0) {
                history.agentErased(itemId);
            }
            if (state == State.READY) {
                send(truncate);
            }
        });
    }

    /** A snapshot of the counters. */
    public RealtimeClientStats stats() {
        return new RealtimeClientStats(sessions.get(), reconnects.get(), ignoredEvents.get(), malformedEvents.get(),
                droppedAudio.get(), deferredResponses.get(), pings.get());
    }

    /** Ends the session for good (a normal close frame) and calls {@link RealtimeListener#onClosed}. */
    @Override
    public void close() {
        onLoop(() -> {
            if (state == State.CLOSED) {
                return;
            }
            Channel open = channel;
            channel = null;
            if (open != null && open.isActive() && (state == State.AWAITING_SESSION || state == State.READY)) {
                open.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                        .addListener(ChannelFutureListener.CLOSE);
            } else if (open != null) {
                open.close();
            }
            shutDown("closed by its owner");
        });
    }

    // ---- connection lifecycle, on the loop ----

    private void connect() {
        state = State.CONNECTING;
        ChannelFuture connecting = connector.connect(new RealtimeFrameHandler(this));
        channel = connecting.channel();
        connecting.addListener(f -> {
            if (!f.isSuccess() && connecting.channel() == channel) {
                channel = null;
                connectionLost("cannot connect: " + f.cause().getClass().getSimpleName());
            }
        });
    }

    void handshakeComplete(Channel from) {
        if (from == channel && state == State.CONNECTING) {
            state = State.AWAITING_SESSION;
        }
    }

    void handshakeRejected(Channel from, int status) {
        if (from != channel) {
            return;
        }
        if (status == 401 || status == 403) {
            fatalReason = "the Realtime endpoint refused the key (HTTP " + status + ")";
        } else {
            LOG.warn("Realtime handshake refused with HTTP {}", status);
        }
    }

    void transportFailed(Channel from, String reason) {
        if (from == channel) {
            LOG.warn("Realtime connection failed: {}", scrub(reason));
        }
    }

    void closeFrameReceived(Channel from, int code, String reason) {
        if (from != channel) {
            return;
        }
        LOG.info("Realtime server closed the session: {} {}", code, scrub(reason));
        if (code == CLOSE_BETA_REFUSED && fatalReason == null) {
            fatalReason = "the Realtime server refused the protocol (close " + code + ")";
        }
    }

    void pingSent(Channel from) {
        if (from == channel) {
            pings.incrementAndGet();
        }
    }

    void nonTextFrameReceived(Channel from) {
        if (from == channel) {
            malformedEvents.incrementAndGet();
        }
    }

    void channelClosed(Channel from) {
        if (from != channel) {
            return;
        }
        channel = null;
        if (state == State.CLOSED) {
            return;
        }
        if (fatalReason != null) {
            shutDown(fatalReason);
        } else if (lossReason != null) {
            String reason = lossReason;
            lossReason = null;
            connectionLost(reason);
        } else {
            connectionLost(state == State.READY ? "connection lost" : "connection closed before the session began");
        }
    }

    private void connectionLost(String reason) {
        if (state == State.CLOSED) {
            return;
        }
        if (lostAtNanos < 0) {
            lostAtNanos = clock.nanoTime();
        }
        responses.sessionLost();
        attempt++;
        if (attempt > policy.maxAttempts()) {
            shutDown("gave up after " + policy.maxAttempts() + " reconnection attempts (" + reason + ")");
            return;
        }
        state = State.WAITING_TO_RECONNECT;
        Duration delay = policy.delay(attempt, random);
        LOG.warn("Realtime {}; reconnecting in {} ms (attempt {} of {})", reason, delay.toMillis(), attempt,
                policy.maxAttempts());
        listener.onReconnecting(attempt, delay, reason);
        scheduler.schedule(delay, () -> onLoop(() -> {
            if (state == State.WAITING_TO_RECONNECT) {
                connect();
            }
        }));
    }

    private void sessionCreated() {
        state = State.READY;
        attempt = 0;
        sessions.incrementAndGet();
        send(new RealtimeClientEvent.SessionUpdate(session));
        int replayed = 0;
        for (ConversationItem item : history.items()) {
            send(new RealtimeClientEvent.CreateItem(item));
            replayed++;
        }
        if (responses.sessionOpened()) {
            send(new RealtimeClientEvent.CreateResponse());
        }
        if (lostAtNanos >= 0) {
            Duration gap = Duration.ofNanos(clock.nanoTime() - lostAtNanos);
            lostAtNanos = -1;
            reconnects.incrementAndGet();
            LOG.info("Realtime session reopened after {} ms; {} history items replayed", gap.toMillis(), replayed);
            listener.onReconnected(gap);
        } else {
            LOG.info("Realtime session open at {} (model {})", endpoint.baseUrl(), endpoint.model());
        }
    }

    private void shutDown(String reason) {
        state = State.CLOSED;
        Channel open = channel;
        channel = null;
        if (open != null && open.isOpen()) {
            open.close();
        }
        LOG.info("Realtime client stopped: {}", reason);
        listener.onClosed(reason);
    }

    // ---- events, on the loop ----

    void messageReceived(Channel from, String text) {
        if (from != channel || state == State.CLOSED) {
            return;
        }
        DecodeResult result = ServerEventDecoder.decode(text);
        if (result instanceof DecodeResult.Failed failed) {
            malformedEvents.incrementAndGet();
            LOG.debug("Realtime message dropped: {} {} {}", failed.error(), failed.eventType(), failed.field());
            return;
        }
        RealtimeServerEvent event = ((DecodeResult.Decoded) result).event();
        if (event instanceof RealtimeServerEvent.Ignored) {
            ignoredEvents.incrementAndGet();
            return;
        }
        track(event);
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            // A listener bug must not look like a broken connection (that would reconnect in a loop).
            LOG.warn("Realtime listener failed on {}", event.getClass().getSimpleName(), e);
        }
        if (event instanceof RealtimeServerEvent.SessionCreated && state == State.AWAITING_SESSION) {
            sessionCreated();
        } else if (event instanceof RealtimeServerEvent.ResponseDone && responses.done()) {
            send(new RealtimeClientEvent.CreateResponse());
        } else if (event instanceof RealtimeServerEvent.ServerError error) {
            errorReceived(from, error);
        }
    }

    private void track(RealtimeServerEvent event) {
        if (event instanceof RealtimeServerEvent.SpeechStarted started) {
            history.callerTurnStarted(started.itemId());
        } else if (event instanceof RealtimeServerEvent.InputTranscriptCompleted completed) {
            history.callerTranscript(completed.itemId(), completed.transcript());
        } else if (event instanceof RealtimeServerEvent.OutputTranscriptDone done) {
            history.agentTranscript(done.itemId(), done.transcript());
        } else if (event instanceof RealtimeServerEvent.FunctionCallArgumentsDone call) {
            history.functionCall(new ConversationItem.FunctionCall(call.callId(), call.name(), call.arguments()));
        } else if (event instanceof RealtimeServerEvent.ResponseCreated) {
            responses.created();
        }
    }

    private void errorReceived(Channel from, RealtimeServerEvent.ServerError error) {
        LOG.warn("Realtime error {} {} (param {}): {}", error.errorType(), error.code(), error.param(),
                scrub(error.message()));
        if (error.sessionExpired()) {
            lossReason = "session expired";
            from.close();
        } else if (error.code() != null && FATAL_CODES.contains(error.code())) {
            fatalReason = "fatal Realtime error " + error.code();
            from.close();
        } else if (ACTIVE_RESPONSE_CODE.equals(error.code())) {
            // Our response.create raced one the server started (server VAD): ask again after that one.
            responses.refusedAsActive();
        }
    }

    private void send(RealtimeClientEvent event) {
        write(ClientEventEncoder.encode(event));
    }

    private void write(String text) {
        Channel open = channel;
        if (open != null && open.isActive()) {
            open.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            try {
                loop.execute(task);
            } catch (RejectedExecutionException e) {
                // The owner is shutting the loops down: the session is over, so is anything sent to it.
                droppedAudio.incrementAndGet();
            }
        }
    }

    /** Server and transport messages are logged; make sure no echo of the key can ride along in them. */
    private String scrub(String text) {
        return text == null ? null : text.replace(key.reveal(), "[redacted]");
    }
}
