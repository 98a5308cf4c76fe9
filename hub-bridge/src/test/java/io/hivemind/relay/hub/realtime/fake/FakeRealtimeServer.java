package io.hivemind.relay.hub.realtime.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * An in-process stand-in for the OpenAI Realtime API (GA protocol) on 127.0.0.1 and an ephemeral port, for tests
 * that cannot reach the real endpoint. It speaks the WebSocket protocol at {@code /v1/realtime?model=…} and serves
 * {@code POST /v1/realtime/client_secrets}, and it checks what it receives: the bearer key (401 otherwise), no
 * {@code OpenAI-Beta} header (refused like the real server: error {@code beta_api_shape_disabled}, close 4000),
 * GA event names and required fields, PCM16 at 24 kHz, function outputs before their {@code response.create}, one
 * response at a time. Every breach is a {@link #violations() violation}; every accepted event is
 * {@link #received() recorded}.
 *
 * <p>It answers speech found by an energy VAD in the appended audio with transcription events and a spoken answer:
 * audio deltas of a known tone ({@link FakeScript}) with transcript deltas. Tests can interrupt the agent, expire
 * the session, drop the socket and fail the secret endpoint.
 */
public final class FakeRealtimeServer implements AutoCloseable {

    /** The truncation of an agent's audio item, as received. */
    public record Truncation(int session, String itemId, long audioEndMs) {
    }

    /** One WebSocket upgrade request, accepted or not. */
    public record Handshake(String model, boolean authorized, boolean betaHeader, int status) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AttributeKey<Boolean> BETA = AttributeKey.valueOf("fake-realtime-beta");
    private static final AttributeKey<String> MODEL = AttributeKey.valueOf("fake-realtime-model");
    private static final String PATH = "/v1/realtime";

    private final String apiKey;
    private final FakeScript script;
    private final SslContext tls;
    private final EventLoopGroup group;
    private final Channel serverChannel;

    // Guarded by this.
    private final List<FakeRealtimeSession> sessions = new ArrayList<>();
    private final List<ReceivedEvent> received = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final List<Truncation> truncations = new ArrayList<>();
    private final List<Handshake> handshakes = new ArrayList<>();
    private final List<JsonNode> secretRequests = new ArrayList<>();
    private final List<String> mintedSecrets = new ArrayList<>();
    private int secretFailureStatus;

    private FakeRealtimeServer(String apiKey, FakeScript script, SslContext tls) throws InterruptedException {
        this.apiKey = apiKey;
        this.script = script;
        this.tls = tls;
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.serverChannel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1024 * 1024),
                                new GateHandler(),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath(PATH).checkStartsWith(true)
                                        .maxFramePayloadLength(16 * 1024 * 1024).build()),
                                new WebSocketFrameAggregator(16 * 1024 * 1024), new SessionHandler());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** Starts a fake server that accepts {@code apiKey} and answers as {@code script} says. */
    public static FakeRealtimeServer start(String apiKey, FakeScript script) throws InterruptedException {
        return new FakeRealtimeServer(apiKey, script, null);
    }

    /** The same over TLS ({@code wss://}, {@code https://}) with the server context {@code tls}. */
    public static FakeRealtimeServer startTls(String apiKey, FakeScript script, SslContext tls)
            throws InterruptedException {
        return new FakeRealtimeServer(apiKey, script, tls);
    }

    /** {@code ws://127.0.0.1:<port>/v1/realtime} ({@code wss://} with TLS): the base URL for the client. */
    public URI baseUrl() {
        return URI.create((tls == null ? "ws" : "wss") + "://127.0.0.1:"
                + ((InetSocketAddress) serverChannel.localAddress()).getPort() + PATH);
    }

    public synchronized List<ReceivedEvent> received() {
        return List.copyOf(received);
    }

    /** The accepted events of {@code type}, in arrival order. */
    public synchronized List<ReceivedEvent> received(String type) {
        return received.stream().filter(event -> event.type().equals(type)).toList();
    }

    /** Waits (up to 10 s) until {@code count} events of {@code type} arrived, and returns all of that type. */
    public List<ReceivedEvent> awaitReceived(String type, int count) {
        await(() -> received(type).size() >= count, count + " " + type);
        return received(type);
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public synchronized List<Truncation> truncations() {
        return List.copyOf(truncations);
    }

    /** Waits (up to 10 s) until {@code count} truncations were accepted. */
    public List<Truncation> awaitTruncations(int count) {
        await(() -> truncations().size() >= count, count + " truncations");
        return truncations();
    }

    public synchronized List<Handshake> handshakes() {
        return List.copyOf(handshakes);
    }

    /** Bodies of the client-secret requests, in order. */
    public synchronized List<JsonNode> secretRequests() {
        return List.copyOf(secretRequests);
    }

    /** The secrets minted so far (so tests can look for them where they must not be). */
    public synchronized List<String> mintedSecrets() {
        return List.copyOf(mintedSecrets);
    }

    /** From now on the client-secret endpoint answers {@code status} (0 restores success). */
    public synchronized void failSecretsWith(int status) {
        this.secretFailureStatus = status;
    }

    public synchronized int sessionCount() {
        return sessions.size();
    }

    /** Waits (up to 10 s) until {@code count} WebSocket sessions were opened. */
    public void awaitSessions(int count) {
        await(() -> sessionCount() >= count, count + " sessions");
    }

    /** Every PCM byte appended on session {@code session}. */
    public byte[] audioReceived(int session) {
        return session(session).audioIn();
    }

    /** Sends {@code speech_started} on the latest session, cutting off an active response (barge-in). */
    public void injectSpeechStarted() {
        onLatest(session -> session.speechStarted(0));
    }

    /** Completes a response held open by {@link FakeScript#holdResponses()}. */
    public void finishResponse() {
        onLatest(session -> session.endResponse("completed", null));
    }

    /** Ends the latest session as the real one does at 60 minutes: error {@code session_expired}, close 1001. */
    public void expireSession() {
        onLatest(FakeRealtimeSession::expire);
    }

    /** Closes the latest session's TCP connection without a close frame. */
    public void dropConnection() {
        onLatest(session -> session.channel().close());
    }

    /**
     * Stops reading and answering on the latest session while keeping its TCP connection open, as a path that died
     * without a FIN or RST would look: no events, no pongs.
     */
    public void freeze() {
        onLatest(session -> session.channel().config().setAutoRead(false));
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    // ---- recording, from the sessions ----

    synchronized void record(ReceivedEvent event) {
        received.add(event);
        notifyAll();
    }

    synchronized void violation(int session, String text) {
        violations.add("session " + session + ": " + text);
        notifyAll();
    }

    synchronized void truncated(int session, String itemId, long audioEndMs) {
        truncations.add(new Truncation(session, itemId, audioEndMs));
        notifyAll();
    }

    private synchronized FakeRealtimeSession session(int index) {
        return sessions.get(index);
    }

    private void onLatest(java.util.function.Consumer<FakeRealtimeSession> action) {
        FakeRealtimeSession latest;
        synchronized (this) {
            if (sessions.isEmpty()) {
                throw new IllegalStateException("no session yet");
            }
            latest = sessions.get(sessions.size() - 1);
        }
        latest.channel().eventLoop().execute(() -> action.accept(latest));
    }

    private synchronized void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("fake Realtime server: timed out waiting for " + what + "; violations "
                        + violations);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    private synchronized FakeRealtimeSession opened(Channel channel, String model) {
        FakeRealtimeSession session = new FakeRealtimeSession(this, channel, sessions.size(), model, script);
        sessions.add(session);
        notifyAll();
        return session;
    }

    private synchronized void handshake(Handshake handshake) {
        handshakes.add(handshake);
        notifyAll();
    }

    /** Checks upgrade requests before the WebSocket handshake, and serves the client-secret endpoint. */
    private final class GateHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        GateHandler() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            boolean authorized = ("Bearer " + apiKey).equals(request.headers().get(HttpHeaderNames.AUTHORIZATION));
            if (request.method() == HttpMethod.POST && uri.path().equals(PATH + "/client_secrets")) {
                try {
                    FakeHttp.respond(ctx, request, clientSecret(authorized, request));
                } finally {
                    request.release();
                }
                return;
            }
            boolean beta = request.headers().contains("OpenAI-Beta");
            List<String> models = uri.parameters().getOrDefault("model", List.of());
            int status = !uri.path().equals(PATH) ? 404 : !authorized ? 401 : models.size() != 1 ? 400 : 101;
            handshake(new Handshake(models.isEmpty() ? null : models.get(0), authorized, beta, status));
            if (status != 101) {
                try {
                    FakeHttp.respond(ctx, request, FakeHttp.error(status, status == 401 ? "invalid_api_key"
                            : "invalid_request", "refused"));
                } finally {
                    request.release();
                }
                return;
            }
            ctx.channel().attr(BETA).set(beta);
            ctx.channel().attr(MODEL).set(models.get(0));
            ctx.fireChannelRead(request);
        }
    }

    private FakeHttp.Reply clientSecret(boolean authorized, FullHttpRequest request) {
        int failure;
        synchronized (this) {
            failure = secretFailureStatus;
        }
        if (!authorized || failure == 401) {
            // The real endpoint echoes part of a wrong key; echo all of it to prove callers do not pass it on.
            return FakeHttp.error(401, "invalid_api_key", "Incorrect API key provided: "
                    + request.headers().get(HttpHeaderNames.AUTHORIZATION));
        }
        if (failure != 0) {
            return FakeHttp.error(failure, "server_error", "scripted failure");
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.content().toString(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            violation(-1, "client_secrets body is not JSON");
            return FakeHttp.error(400, "invalid_json", "body is not JSON");
        }
        synchronized (this) {
            secretRequests.add(body);
        }
        List<String> problems = new ArrayList<>();
        JsonNode expires = body.path("expires_after");
        long seconds = expires.path("seconds").asLong(-1);
        if (!"created_at".equals(expires.path("anchor").asText()) || !expires.path("seconds").isIntegralNumber()
                || seconds < 10 || seconds > 7200) {
            problems.add("client_secrets: expires_after must be {anchor: created_at, seconds: 10..7200}");
        }
        if (!body.path("session").isObject()) {
            problems.add("client_secrets: session is missing");
        } else {
            problems.addAll(ClientEventChecker.checkSession(body.get("session"), true));
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> violation(-1, problem));
            return FakeHttp.error(400, "invalid_value", problems.get(0));
        }
        String value = "ek_fake_" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        synchronized (this) {
            mintedSecrets.add(value);
        }
        ObjectNode reply = JSON.createObjectNode();
        reply.put("value", value).put("expires_at", System.currentTimeMillis() / 1000 + seconds);
        ObjectNode session = body.get("session").deepCopy();
        session.put("id", "sess_fake_secret").put("object", "realtime.session");
        reply.set("session", session);
        return new FakeHttp.Reply(200, reply.toString());
    }

    /** Runs one WebSocket session: opens it after the handshake and feeds it the client's text messages. */
    private final class SessionHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private FakeRealtimeSession session;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                session = opened(ctx.channel(), ctx.channel().attr(MODEL).get());
                if (Boolean.TRUE.equals(ctx.channel().attr(BETA).get())) {
                    session.refuseBeta();
                } else {
                    session.opened();
                }
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            if (session != null) {
                session.received(frame.text());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
