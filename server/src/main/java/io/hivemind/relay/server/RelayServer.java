package io.hivemind.relay.server;

import io.hivemind.relay.hub.agent.AgentRuntime;
import io.hivemind.relay.hub.realtime.ClientSecretMinter;
import io.hivemind.relay.hub.realtime.ServerVad;
import io.hivemind.relay.hub.voice.VoiceAudioConfig;
import io.hivemind.relay.hub.worker.VoiceWorkerSettings;
import io.hivemind.relay.hub.worker.VoiceWorkers;
import io.hivemind.relay.media.time.NanoClock;
import io.hivemind.relay.server.pairing.DeviceAuthenticator;
import io.hivemind.relay.server.pairing.PairingRoutes;
import io.hivemind.relay.server.pairing.PairingService;
import io.hivemind.relay.server.store.CallRecordStore;
import io.hivemind.relay.server.store.DatabaseOpenException;
import io.hivemind.relay.server.store.DeviceStore;
import io.hivemind.relay.server.store.RelayDatabase;
import io.hivemind.relay.sfu.api.RoomService;
import io.hivemind.relay.sfu.api.RoomServiceConfig;
import io.hivemind.relay.sfu.dtls.DtlsCertificate;
import io.hivemind.relay.sfu.dtls.DtlsCounters;
import io.hivemind.relay.sfu.dtls.DtlsSettings;
import io.hivemind.relay.sfu.transport.MediaSocketGroup;
import io.hivemind.relay.sfu.transport.UdpMediaSocket;
import io.hivemind.relay.sfu.webrtc.WebRtcStats;
import io.hivemind.relay.sfu.webrtc.WebRtcTransportConfig;
import io.hivemind.relay.signaling.auth.TokenService;
import io.hivemind.relay.signaling.http.RelayMetrics;
import io.hivemind.relay.signaling.http.SignalingConfig;
import io.hivemind.relay.signaling.http.SignalingServer;
import io.hivemind.relay.signaling.rest.CallPageRoutes;
import io.hivemind.relay.signaling.rest.DevTokenRoutes;
import io.hivemind.relay.signaling.rest.RestRouter;
import io.hivemind.relay.signaling.rest.RoomRoutes;
import io.hivemind.relay.signaling.rest.SystemRoutes;
import io.hivemind.relay.signaling.ws.WebSocketEndpoint;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running relay: the UDP media sockets and their {@code media-loop-N} threads, the rooms on those same loops
 * (a room must live on the loop of its transports' socket), access tokens, metrics, and the signaling HTTP server
 * with the REST API, {@code /healthz}, {@code /metrics} and the {@code /ws} endpoint, whose joins become WebRTC
 * sessions in the rooms ({@link MediaSessionHandler}); DTLS handshakes run on {@code dtls-handshake-N} threads.
 * The SQLite database under the data directory ({@link RelayDatabase}, its own {@code relay-db} thread) holds
 * paired devices and call records; calls a previous run left open are closed as interrupted at start.
 *
 * <p>Started in dependency order and closed in reverse; {@link #close()} is idempotent and a failed start closes
 * whatever it had opened.
 */
public final class RelayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RelayServer.class);

    /** Accepted clock skew for token {@code exp}/{@code nbf} (docs/protocol.md). */
    static final Duration TOKEN_LEEWAY = Duration.ofSeconds(10);
    private static final Duration STATS_REFRESH = Duration.ofSeconds(1);
    /** How long a client secret request to the Realtime API may take. */
    private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration WEBSOCKET_PING = Duration.ofSeconds(20);

    private final MediaSocketGroup media;
    private final RoomService rooms;
    private final TokenService tokens;
    private final VoiceWorkers workers;
    private final SignalingServer signaling;
    private final CallRecordStore callRecords;
    private final PairingService pairing;
    /** What to close, last opened first. */
    private final Deque<AutoCloseable> opened;
    private boolean closed;

    private RelayServer(MediaSocketGroup media, RoomService rooms, TokenService tokens, VoiceWorkers workers,
            SignalingServer signaling, CallRecordStore callRecords, PairingService pairing,
            Deque<AutoCloseable> opened) {
        this.media = media;
        this.rooms = rooms;
        this.tokens = tokens;
        this.workers = workers;
        this.signaling = signaling;
        this.callRecords = callRecords;
        this.pairing = pairing;
        this.opened = opened;
    }

    /** Starts with one media loop (and UDP port) per available processor, and {@code agents} for voice calls. */
    public static RelayServer start(RelayConfig config, Optional<AgentRuntime> agents) throws RelayStartException {
        return start(config, Runtime.getRuntime().availableProcessors(), agents);
    }

    /** Starts without an agent runtime (rooms, signaling and the page; no agent can be called). */
    public static RelayServer start(RelayConfig config, int mediaLoops) throws RelayStartException {
        return start(config, mediaLoops, Optional.empty());
    }

    /**
     * Starts every part, binding {@code mediaLoops} consecutive UDP ports from the configured media port (or
     * ephemeral ports when it is 0) and the HTTP port.
     *
     * @throws RelayStartException naming the address that could not be bound or the file that could not be read
     */
    public static RelayServer start(RelayConfig config, int mediaLoops, Optional<AgentRuntime> agents)
            throws RelayStartException {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        agents.ifPresent(opened::push);
        try {
            Clock wallClock = Clock.systemUTC();
            // The database first: a data directory problem must not leave ports bound, even briefly.
            RelayDatabase database = openDatabase(config);
            opened.push(database);
            CallRecordStore callRecords = new CallRecordStore(database, wallClock);
            PairingService pairing;
            try {
                int interrupted = callRecords.closeInterrupted().join();
                if (interrupted > 0) {
                    LOG.warn("closed {} call record(s) left open by the previous run as interrupted", interrupted);
                }
                pairing = new PairingService(DeviceAuthenticator.load(new DeviceStore(database), wallClock),
                        wallClock);
            } catch (CompletionException e) {
                throw new RelayStartException("cannot read the database " + database.file() + ": " + reason(e), e);
            }
            MediaSocketGroup media = startMedia(config, mediaLoops);
            opened.push(media);
            RoomService rooms = new RoomService(media.eventLoopGroup(), RoomServiceConfig.DEFAULT, NanoClock.SYSTEM,
                    wallClock);
            opened.push(rooms);
            TokenService tokens = new TokenService(config.apiKeys(), wallClock, TOKEN_LEEWAY);
            DtlsCounters dtlsCounters = new DtlsCounters();
            WebRtcStats webRtcStats = new WebRtcStats();
            SfuRelayStats stats = new SfuRelayStats(rooms, media, webRtcStats, dtlsCounters, STATS_REFRESH);
            opened.push(stats);
            RelayMetrics metrics = RelayMetrics.bind(stats);
            opened.push(metrics.registry()::close);
            RestRouter.Builder routes = RestRouter.builder();
            new SystemRoutes(metrics.registry()).addTo(routes);
            new RoomRoutes(new RoomServiceAdmin(rooms, wallClock), tokens).addTo(routes);
            boolean devTokens = config.apiKeys().isDevelopment();
            new CallPageRoutes(devTokens).addTo(routes);
            if (devTokens) {
                new DevTokenRoutes(tokens).addTo(routes);
            }
            VoiceWorkers workers = startVoice(config.realtime(), rooms, agents, opened);
            Optional<ClientSecretMinter> secrets = config.realtime().key().map(key -> new ClientSecretMinter(
                    config.realtime().endpoint(), key, HttpClient.newHttpClient(), config.realtime().clientSecretTtl(),
                    UPSTREAM_TIMEOUT));
            Callers callers = new Callers(tokens, pairing.devices());
            new AgentRoutes(callers, workers, secrets, config.realtime()).addTo(routes);
            CallService calls = new CallService(workers, rooms, tokens, config.apiKeys().keys().iterator().next(),
                    callRecords, secrets, config.realtime(), wallClock);
            opened.push(calls);
            new CallRoutes(callers, calls, callRecords, workers).addTo(routes);
            new PairingRoutes(pairing, tokens, devTokens, config.tls() != null,
                    config.bindHost() + ":" + config.httpPort()).addTo(routes);
            SignalingConfig http = SignalingConfig.defaults().withListen(config.bindHost(), config.httpPort());
            if (config.tls() != null) {
                http = http.withTls(config.tls().certificateChain(), config.tls().privateKey());
            }
            ExecutorService dtlsPool = Executors.newCachedThreadPool(new DtlsThreads());
            opened.push(dtlsPool::shutdownNow);
            WebRtcTransportConfig transports = new WebRtcTransportConfig(DtlsCertificate.generate(),
                    DtlsSettings.defaults(), dtlsPool, dtlsCounters, NanoClock.SYSTEM, config.consentTimeout(),
                    WebRtcTransportConfig.DEFAULT_MAX_SRTP_STREAMS, webRtcStats);
            WebSocketEndpoint webSockets = new WebSocketEndpoint(tokens,
                    new MediaSessionHandler(rooms, media, transports, workers), http.maxBodyBytes(), WEBSOCKET_PING);
            SignalingServer signaling = startSignaling(http, routes.build(), webSockets);
            opened.push(signaling);
            return new RelayServer(media, rooms, tokens, workers, signaling, callRecords, pairing, opened);
        } catch (RelayStartException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** Voice workers on their own small loop group: Realtime sockets must never share a media loop. */
    private static VoiceWorkers startVoice(RealtimeConfig realtime, RoomService rooms, Optional<AgentRuntime> agents,
            Deque<AutoCloseable> opened) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("realtime", true),
                NioIoHandler.newFactory());
        opened.push(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
        Optional<VoiceWorkerSettings> settings = realtime.key().map(key -> new VoiceWorkerSettings(
                realtime.endpoint(), key, realtime.transcriptionModel(), ServerVad.DEFAULT, VoiceAudioConfig.DEFAULT,
                VoiceWorkerSettings.DEFAULT_ASK_TIMEOUT));
        VoiceWorkers workers = new VoiceWorkers(rooms, agents, settings, group, NioSocketChannel.class);
        opened.push(workers);
        return workers;
    }

    private static RelayDatabase openDatabase(RelayConfig config) throws RelayStartException {
        try {
            return RelayDatabase.open(config.dataDir());
        } catch (DatabaseOpenException e) {
            throw new RelayStartException(e.getMessage(), e);
        }
    }

    private static MediaSocketGroup startMedia(RelayConfig config, int loops) throws RelayStartException {
        String ports = config.mediaPort() == 0 ? "0" : loops == 1 ? Integer.toString(config.mediaPort())
                : config.mediaPort() + "-" + (config.mediaPort() + loops - 1);
        try {
            InetAddress bind = InetAddress.getByName(config.bindHost());
            List<InetAddress> announced = config.announcedAddress() == null ? List.of()
                    : List.of(InetAddress.getByName(config.announcedAddress()));
            if (announced.isEmpty() && bind.isAnyLocalAddress()) {
                throw new RelayStartException("media bound to the wildcard address " + config.bindHost()
                        + " needs media.announced_address (RELAY_ANNOUNCED_ADDRESS) for ICE candidates", null);
            }
            return MediaSocketGroup.start(new MediaSocketGroup.Config(bind, config.mediaPort(), loops, announced,
                    true));
        } catch (RelayStartException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayStartException("interrupted while binding UDP media ports", e);
        } catch (UnknownHostException e) {
            throw new RelayStartException("cannot resolve " + e.getMessage(), e);
        } catch (Exception e) {
            // Netty's sync() rethrows the bind's checked exception (BindException) undeclared.
            throw new RelayStartException("cannot bind UDP media port " + config.bindHost() + ":" + ports + ": "
                    + reason(e), e);
        }
    }

    private static SignalingServer startSignaling(SignalingConfig http, RestRouter router,
            WebSocketEndpoint webSockets) throws RelayStartException {
        if (http.tls()) {
            try {
                SslContextBuilder.forServer(http.certificateChain().toFile(), http.privateKey().toFile()).build();
            } catch (SSLException | RuntimeException e) {
                // The files are checked first so that a bad certificate is not reported as a port problem.
                throw new RelayStartException("cannot load the TLS certificate " + http.certificateChain()
                        + " and key " + http.privateKey() + " (http.tls_cert, http.tls_key): " + reason(e), e);
            }
        }
        try {
            return SignalingServer.start(http, router, webSockets);
        } catch (IOException e) {
            throw new RelayStartException("cannot bind HTTP port " + http.bindAddress() + ":" + http.port() + ": "
                    + reason(e), e);
        }
    }

    /** The innermost message (for example "Address already in use"), never a stack trace. */
    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /** Where HTTP, REST and WebSocket clients connect (the real port when configured as 0). */
    public InetSocketAddress httpAddress() {
        return signaling.localAddress();
    }

    /** Whether HTTP is served over TLS. */
    public boolean tls() {
        return signaling.tls();
    }

    /** The bound UDP media addresses, one per media loop. */
    public List<InetSocketAddress> mediaAddresses() {
        return media.sockets().stream().map(UdpMediaSocket::localAddress).toList();
    }

    /** The rooms (for in-process users such as voice workers). */
    public RoomService rooms() {
        return rooms;
    }

    /** The token service that verifies (and can mint) access tokens with the configured keys. */
    /** The voice workers (agents called into rooms). */
    public VoiceWorkers workers() {
        return workers;
    }

    public TokenService tokens() {
        return tokens;
    }

    /** The call records (open a record when a call starts, close it when it ends). */
    public CallRecordStore callRecords() {
        return callRecords;
    }

    /** Phone pairing: codes, exchanges and the paired devices. */
    public PairingService pairing() {
        return pairing;
    }

    /** Checks paired devices' bearer tokens, the alternative to a relay JWT for a phone. */
    public DeviceAuthenticator devices() {
        return pairing.devices();
    }

    /**
     * Stops the HTTP server, the metrics, the rooms, the media loops and then the database (after its queued
     * writes), waiting a bounded time for each.
     * Idempotent; call it off the relay's own threads (a shutdown hook, main).
     */
    @Override
    public void close() {
        synchronized (opened) {
            if (closed) {
                return;
            }
            closed = true;
            closeAll(opened);
        }
    }

    private static void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            AutoCloseable part = opened.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
