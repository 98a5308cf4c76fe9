package io.hivemind.relay.sfu.webrtc;

import static io.hivemind.relay.sfu.webrtc.WebRtcTestClient.TIMEOUT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.hivemind.relay.media.time.ManualClock;
import io.hivemind.relay.sfu.dtls.DtlsCertificate;
import io.hivemind.relay.sfu.dtls.DtlsCounters;
import io.hivemind.relay.sfu.dtls.DtlsSettings;
import io.hivemind.relay.sfu.ice.IceCredentials;
import io.hivemind.relay.sfu.room.JoinOptions;
import io.hivemind.relay.sfu.room.Participant;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.room.RoomConfig;
import io.hivemind.relay.sfu.transport.DropReason;
import io.hivemind.relay.sfu.transport.MediaSocketGroup;
import io.hivemind.relay.sfu.transport.UdpMediaSocket;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The relay side of the loopback tests: one media socket on 127.0.0.1 (native epoll where available), rooms created
 * on that socket's loop (the pairing production must keep), a real {@code dtls-handshake} pool, and a
 * {@link ManualClock} shared by rooms and transports so consent expires only when a test moves time. Closing it
 * closes rooms, clients, the socket and both pools, and proves their threads ended.
 */
final class LoopbackRelay {

    static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate();
    static final Duration CONSENT_TIMEOUT = Duration.ofSeconds(30);

    final ManualClock clock = new ManualClock(1_000_000_000L);
    final MediaSocketGroup group;
    final UdpMediaSocket socket;
    final WebRtcTransportConfig config;
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger dtlsThreads = new AtomicInteger();
    private final ExecutorService dtlsPool = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "dtls-handshake-" + dtlsThreads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService clientThreads = Executors.newCachedThreadPool();
    private final List<WebRtcTestClient> clients = new ArrayList<>();
    private final List<Room> rooms = new ArrayList<>();

    /** A client with its transport and participant on the relay. */
    record Peer(WebRtcTestClient client, WebRtcTransport transport, Participant participant) {
    }

    LoopbackRelay() throws Exception {
        this(DtlsSettings.defaults());
    }

    LoopbackRelay(DtlsSettings dtls) throws Exception {
        group = MediaSocketGroup.start(new MediaSocketGroup.Config(InetAddress.getByName("127.0.0.1"), 0, 1,
                List.of(), true));
        socket = group.nextSocket();
        config = new WebRtcTransportConfig(CERTIFICATE, dtls, dtlsPool, new DtlsCounters(), clock,
                CONSENT_TIMEOUT, WebRtcTransportConfig.DEFAULT_MAX_SRTP_STREAMS, new WebRtcStats());
    }

    /** 20 ms ticks (consent checks, RTCP every 100 ms) so a room notices consent loss soon after time moves. */
    static RoomConfig roomConfig() {
        return new RoomConfig(10, Duration.ofMillis(20), 5, 50, 3, 256, Duration.ofMinutes(5),
                Duration.ofSeconds(20));
    }

    /** A room on the socket's loop. */
    Room room(String name) {
        Room room = new Room(name, socket.loop(), roomConfig(), clock, Clock.systemUTC(), () -> { });
        rooms.add(room);
        return room;
    }

    WebRtcTestClient client(String name) throws Exception {
        WebRtcTestClient client = new WebRtcTestClient(name, clientThreads);
        clients.add(client);
        return client;
    }

    /** A fresh transport on the socket (created on its loop). */
    WebRtcTransport transport(IceCredentials local, RemotePeer remote, String prefix)
            throws Exception {
        return WebRtcTransport.open(socket, local, remote, config, prefix).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    IceCredentials newIceCredentials() {
        return IceCredentials.random(random);
    }

    /** A client joined to {@code room}, the relay as DTLS server (as against Chromium's actpass), DTLS done. */
    Peer connect(Room room, String identity) throws Exception {
        return connect(room, identity, SrtpKeyingMaterial.Role.SERVER);
    }

    /** As {@link #connect(Room, String)} with the relay in DTLS role {@code relayRole}, the client in the other. */
    Peer connect(Room room, String identity, SrtpKeyingMaterial.Role relayRole) throws Exception {
        WebRtcTestClient client = client(identity);
        IceCredentials serverIce = newIceCredentials();
        WebRtcTransport transport = transport(serverIce,
                new RemotePeer(client.ice, WebRtcTestClient.fingerprint(), relayRole),
                "room=" + room.name() + " p=" + identity);
        Participant participant = transport.join(room, JoinOptions.of(identity))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        client.connect(socket.localAddress(), serverIce, CERTIFICATE.fingerprint(),
                relayRole == SrtpKeyingMaterial.Role.SERVER ? SrtpKeyingMaterial.Role.CLIENT
                        : SrtpKeyingMaterial.Role.SERVER);
        assertThat(eventually(() -> transport.state() == WebRtcTransportState.CONNECTED))
                .as("%s connected on the relay", identity).isTrue();
        return new Peer(client, transport, participant);
    }

    /** Reads state on the media loop, where it lives. */
    <T> T onLoop(Supplier<T> read) throws Exception {
        return socket.loop().submit(read::get).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** {@link #eventuallyOffLoop} for a condition on loop-confined state, read on the media loop. */
    boolean eventually(Supplier<Boolean> onLoopCondition) throws Exception {
        return eventuallyOffLoop(() -> onLoop(onLoopCondition));
    }

    /**
     * Checks {@code condition} on the test thread, waiting 10 ms between checks for a task on the media loop (no
     * sleep), until it holds or {@link WebRtcTestClient#TIMEOUT_SECONDS} pass.
     */
    boolean eventuallyOffLoop(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return true;
            }
            socket.loop().schedule(() -> { }, 10, TimeUnit.MILLISECONDS).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        return false;
    }

    long unknownSourceDrops() throws Exception {
        return socket.dropCounts().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(DropReason.UNKNOWN_SOURCE);
    }

    /** Closes rooms, clients, the socket and both pools, and checks their threads ended. */
    void close() throws Exception {
        for (Room room : rooms) {
            room.close().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        for (WebRtcTestClient client : clients) {
            client.close();
        }
        group.close();
        dtlsPool.shutdown();
        clientThreads.shutdown();
        assertThat(dtlsPool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("DTLS tasks ended").isTrue();
        assertThat(clientThreads.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("clients ended").isTrue();
    }
}
