package io.hivemind.relay.sfu.webrtc;

import static io.hivemind.relay.sfu.webrtc.WebRtcTestClient.TIMEOUT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.hivemind.relay.media.time.ManualClock;
import io.hivemind.relay.sfu.dtls.DtlsCertificate;
import io.hivemind.relay.sfu.dtls.DtlsCounters;
import io.hivemind.relay.sfu.dtls.DtlsSettings;
import io.hivemind.relay.sfu.ice.IceCredentials;
import io.hivemind.relay.sfu.room.JoinOptions;
import io.hivemind.relay.sfu.room.Participant;
import io.hivemind.relay.sfu.room.ParticipantInfo;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.room.RoomConfig;
import io.hivemind.relay.sfu.room.TrackInfo;
import io.hivemind.relay.sfu.room.TrackOptions;
import io.hivemind.relay.sfu.transport.DropReason;
import io.hivemind.relay.sfu.transport.MediaSocketGroup;
import io.hivemind.relay.sfu.transport.UdpMediaSocket;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real UDP on 127.0.0.1, real ICE-lite, DTLS (Bouncy Castle) and SRTP: {@link WebRtcTestClient}s join rooms through
 * {@link WebRtcTransport}s on one media socket whose loop is the rooms' loop. Time for consent comes from a
 * {@link ManualClock} shared by the rooms and the transports; the rooms' periodic tasks run for real (every 20 ms),
 * and every wait is a bounded await of a condition.
 */
class WebRtcTransportTest {

    private static final DtlsCertificate SERVER_CERTIFICATE = DtlsCertificate.generate();
    private static final Duration CONSENT_TIMEOUT = Duration.ofSeconds(30);
    private static final int PUBLISHER_SSRC = 0x5EED_0001;
    private static final int PACKETS = 50;

    private final ManualClock clock = new ManualClock(1_000_000_000L);
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
    private MediaSocketGroup group;
    private UdpMediaSocket socket;
    private WebRtcTransportConfig config;

    /** A client and its transport and participant on the relay. */
    record Peer(WebRtcTestClient client, WebRtcTransport transport, Participant participant) {
    }

    /** Leaks Netty's paranoid detector reports while this class runs (it reports through a listener, not a log). */
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void listenForLeaks() {
        ByteBufUtil.setLeakListener((type, records) -> LEAKS.add(type + records));
    }

    @AfterAll
    static void stopListening() {
        ByteBufUtil.setLeakListener(null);
    }

    @BeforeEach
    void start() throws Exception {
        group = MediaSocketGroup.start(new MediaSocketGroup.Config(InetAddress.getByName("127.0.0.1"), 0, 1,
                List.of(), true));
        socket = group.nextSocket();
        config = new WebRtcTransportConfig(SERVER_CERTIFICATE, DtlsSettings.defaults(), dtlsPool, new DtlsCounters(),
                clock, CONSENT_TIMEOUT, WebRtcTransportConfig.DEFAULT_MAX_SRTP_STREAMS);
    }

    @AfterEach
    void stop() throws Exception {
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
        assertNoLeaks();
    }

    /**
     * Collects garbage, then allocates: the paranoid detector reports unreleased buffers that were collected when it
     * tracks the next allocation.
     */
    private static void assertNoLeaks() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            PooledByteBufAllocator.DEFAULT.directBuffer(1).release();
            Unpooled.buffer(1).release();
        }
        assertThat(LEAKS).as("ByteBuf leaks").isEmpty();
    }

    @Test
    void aPublisherIsHeardBySubscribersOfItsRoomOnly() throws Exception {
        Room room = room("r1");
        Room otherRoom = room("r2");
        Peer alice = connect(room, "alice");
        Peer bob = connect(room, "bob");
        Peer carol = connect(otherRoom, "carol");
        int consumerSsrc = publish(room, "alice");

        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < PACKETS; i++) {
            byte[] payload = opusLike(i);
            payloads.add(payload);
            alice.client().sendToServer(alice.client().protectRtp(PUBLISHER_SSRC, 1000 + i, payload));
        }

        int firstSeq = -1;
        for (int i = 0; i < PACKETS; i++) {
            byte[] srtp = bob.client().rtp.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(srtp).as("packet %d reached bob", i).isNotNull();
            ByteBuffer rtp = ByteBuffer.wrap(bob.client().unprotectRtp(srtp));
            assertThat(rtp.get(1) & 0x7f).as("payload type").isEqualTo(111);
            assertThat(rtp.getInt(8)).as("consumer SSRC").isEqualTo(consumerSsrc);
            int seq = rtp.getShort(2) & 0xFFFF;
            firstSeq = i == 0 ? seq : firstSeq;
            assertThat(seq).as("continuous sequence").isEqualTo((firstSeq + i) & 0xFFFF);
            assertThat(Arrays.copyOfRange(rtp.array(), 12, rtp.limit())).as("payload %d", i)
                    .isEqualTo(payloads.get(i));
        }

        assertThat(onLoop(() -> room.counters().rtpOut())).as("forwarded to bob only").isEqualTo(PACKETS);
        assertThat(onLoop(() -> alice.transport().counters().rtpIn())).isEqualTo(PACKETS);
        assertThat(onLoop(() -> bob.transport().counters().rtpOut())).isEqualTo(PACKETS);
        assertThat(onLoop(() -> alice.transport().counters().rtpOut())).as("alice never hears herself").isZero();
        assertThat(alice.client().rtp).isEmpty();
        assertThat(onLoop(() -> carol.transport().counters().rtpOut())).as("another room hears nothing").isZero();
        assertThat(carol.client().rtp).isEmpty();
        assertThat(onLoop(() -> otherRoom.counters().rtpIn())).isZero();
    }

    @ParameterizedTest(name = "relay as DTLS {0}")
    @EnumSource(SrtpKeyingMaterial.Role.class)
    void mediaFlowsBothWaysWhicheverDtlsRoleTheRelayTakes(SrtpKeyingMaterial.Role relayRole) throws Exception {
        Room room = room("r1");
        Peer alice = connect(room, "alice", relayRole);
        Peer bob = connect(room, "bob", relayRole);
        int aliceHearsBob = publishAs(room, "bob", "alice", 0x0B0B_0001);
        int bobHearsAlice = publishAs(room, "alice", "bob", 0x0A0A_0001);

        alice.client().sendToServer(alice.client().protectRtp(0x0A0A_0001, 10, opusLike(10)));
        bob.client().sendToServer(bob.client().protectRtp(0x0B0B_0001, 20, opusLike(20)));

        assertThat(ByteBuffer.wrap(receive(bob)).getInt(8)).isEqualTo(bobHearsAlice);
        assertThat(ByteBuffer.wrap(receive(alice)).getInt(8)).isEqualTo(aliceHearsBob);
        assertThat(onLoop(() -> alice.transport().remote().dtlsRole())).isEqualTo(relayRole);
    }

    static Stream<Arguments> badDatagrams() {
        return Stream.of(
                Arguments.of(Named.<Function<Peer, byte[]>>of("forged SRTP (right SSRC, random tag)",
                        peer -> forgedRtp()), WebRtcDropReason.INBOUND_AUTH_FAILED),
                Arguments.of(Named.<Function<Peer, byte[]>>of("SRTP shorter than its header",
                        peer -> new byte[] {(byte) 0x80, 111, 0, 1, 0, 0}), WebRtcDropReason.INBOUND_MALFORMED),
                Arguments.of(Named.<Function<Peer, byte[]>>of("forged SRTCP sender report",
                        peer -> forgedRtcp()), WebRtcDropReason.INBOUND_AUTH_FAILED),
                Arguments.of(Named.<Function<Peer, byte[]>>of("replayed SRTP packet",
                        WebRtcTransportTest::sentTwice), WebRtcDropReason.INBOUND_REPLAYED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDatagrams")
    void badMediaFromAValidatedAddressIsCountedAndForwardingGoesOn(Function<Peer, byte[]> datagram,
            WebRtcDropReason reason) throws Exception {
        Room room = room("r1");
        Peer alice = connect(room, "alice");
        Peer bob = connect(room, "bob");
        publish(room, "alice");

        alice.client().sendToServer(datagram.apply(alice));

        assertThat(eventually(() -> alice.transport().counters().drops(reason) == 1)).as("counted as %s", reason)
                .isTrue();
        alice.client().sendToServer(alice.client().protectRtp(PUBLISHER_SSRC, 5000, opusLike(7)));
        assertThat(eventuallyOffLoop(() -> receivedPayload(bob, opusLike(7)))).as("forwarding goes on").isTrue();
        assertThat(onLoop(() -> alice.transport().state())).isEqualTo(WebRtcTransportState.CONNECTED);
    }

    @Test
    void strangersAndStunForUnknownUfragsNeverReachATransport() throws Exception {
        Room room = room("r1");
        Peer alice = connect(room, "alice");
        try (DatagramChannel stranger = DatagramChannel.open()
                .bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            stranger.send(ByteBuffer.wrap(forgedRtp()), socket.localAddress());
            stranger.send(ByteBuffer.wrap(new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0, 0}), socket.localAddress());
            assertThat(eventuallyOffLoop(() -> unknownSourceDrops() == 2)).isTrue();
        }
        assertThat(onLoop(() -> alice.transport().counters().dropSnapshot().values().stream()
                .mapToLong(Long::longValue).sum())).isZero();
    }

    @Test
    void consentExpiryRemovesTheParticipantAndClosesItsTransport() throws Exception {
        Room room = room("r1");
        Peer alice = connect(room, "alice");
        Peer bob = connect(room, "bob");
        publish(room, "alice");
        int endpoints = onLoop(() -> socket.registry().endpointCount());

        clock.advance(CONSENT_TIMEOUT.toSeconds() - 10, TimeUnit.SECONDS);
        bob.client().check();
        clock.advance(11, TimeUnit.SECONDS);

        assertThat(eventually(() -> alice.transport().state() == WebRtcTransportState.CLOSED)).isTrue();
        List<ParticipantInfo> left = room.participants().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(left).extracting(ParticipantInfo::identity).containsExactly("bob");
        assertThat(onLoop(() -> socket.registry().endpointCount())).isEqualTo(endpoints - 1);
        InetSocketAddress aliceAddress = alice.client().localAddress();
        assertThat(onLoop(() -> socket.registry().byAddress(aliceAddress))).isNull();
        assertThat(onLoop(() -> bob.transport().state())).isEqualTo(WebRtcTransportState.CONNECTED);

        long unknownBefore = unknownSourceDrops();
        alice.client().sendToServer(alice.client().protectRtp(PUBLISHER_SSRC, 9000, opusLike(1)));
        assertThat(eventuallyOffLoop(() -> unknownSourceDrops() == unknownBefore + 1))
                .as("alice's address is no longer routed").isTrue();
    }

    @Test
    void aPeerWhoseCertificateDoesNotMatchItsFingerprintIsRemoved() throws Exception {
        Room room = room("r1");
        WebRtcTestClient client = client("mallory");
        IceCredentials serverIce = IceCredentials.random(random);
        RemotePeer claimed = new RemotePeer(client.ice, DtlsCertificate.generate().fingerprint(),
                SrtpKeyingMaterial.Role.SERVER);
        WebRtcTransport transport = WebRtcTransport.open(socket, serverIce, claimed, config, "room=r1 p=mallory")
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        transport.join(room, JoinOptions.of("mallory")).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        Throwable failure = null;
        try {
            client.connect(socket.localAddress(), serverIce, SERVER_CERTIFICATE.fingerprint());
        } catch (Exception e) {
            failure = e;
        }
        assertThat(failure).as("the client's handshake is refused").isNotNull();
        assertThat(eventually(() -> transport.state() == WebRtcTransportState.CLOSED)).isTrue();
        assertThat(room.participants().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void theRoomMustLiveOnTheSocketsLoop() throws Exception {
        WebRtcTestClient client = client("dave");
        WebRtcTransport transport = WebRtcTransport.open(socket, IceCredentials.random(random),
                new RemotePeer(client.ice, WebRtcTestClient.fingerprint(), SrtpKeyingMaterial.Role.SERVER), config,
                "p=dave").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        DefaultEventLoop elsewhere = new DefaultEventLoop();
        try {
            Room foreign = new Room("foreign", elsewhere, roomConfig(), clock, Clock.systemUTC(), () -> { });
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> transport.join(foreign, JoinOptions.of("dave")))
                    .withMessageContaining("another event loop");
            foreign.close().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            elsewhere.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        transport.close();
        assertThat(eventually(() -> transport.state() == WebRtcTransportState.CLOSED
                && socket.registry().endpointCount() == 0)).isTrue();
    }

    // ---- fixtures ----

    private static RoomConfig roomConfig() {
        return new RoomConfig(10, Duration.ofMillis(20), 5, 50, 3, 256);
    }

    private Room room(String name) {
        Room room = new Room(name, socket.loop(), roomConfig(), clock, Clock.systemUTC(), () -> { });
        rooms.add(room);
        return room;
    }

    private WebRtcTestClient client(String name) throws Exception {
        WebRtcTestClient client = new WebRtcTestClient(name, clientThreads);
        clients.add(client);
        return client;
    }

    /** A client joined to {@code room} through a fresh transport, with DTLS done on both sides. */
    private Peer connect(Room room, String identity) throws Exception {
        return connect(room, identity, SrtpKeyingMaterial.Role.SERVER);
    }

    /** As {@link #connect(Room, String)} with the relay in DTLS role {@code relayRole}, the client in the other. */
    private Peer connect(Room room, String identity, SrtpKeyingMaterial.Role relayRole) throws Exception {
        WebRtcTestClient client = client(identity);
        IceCredentials serverIce = IceCredentials.random(random);
        RemotePeer remote = new RemotePeer(client.ice, WebRtcTestClient.fingerprint(), relayRole);
        WebRtcTransport transport = WebRtcTransport.open(socket, serverIce, remote, config,
                "room=" + room.name() + " p=" + identity).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Participant participant = transport.join(room, JoinOptions.of(identity))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        client.connect(socket.localAddress(), serverIce, SERVER_CERTIFICATE.fingerprint(),
                relayRole == SrtpKeyingMaterial.Role.SERVER ? SrtpKeyingMaterial.Role.CLIENT
                        : SrtpKeyingMaterial.Role.SERVER);
        assertThat(eventually(() -> transport.state() == WebRtcTransportState.CONNECTED))
                .as("%s connected on the relay", identity).isTrue();
        return new Peer(client, transport, participant);
    }

    /** Publishes {@code publisher}'s track with {@code ssrc}; returns the SSRC {@code subscriber} receives it as. */
    private static int publishAs(Room room, String publisher, String subscriber, int ssrc) throws Exception {
        TrackInfo track = room.publish(publisher, new TrackOptions("0", ssrc, 111, 0, false))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return room.subscribe(subscriber, track.producerId()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The next RTP packet {@code peer}'s client received, unprotected. */
    private static byte[] receive(Peer peer) throws InterruptedException {
        byte[] srtp = peer.client().rtp.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(srtp).as("a packet within %d s", TIMEOUT_SECONDS).isNotNull();
        return peer.client().unprotectRtp(srtp);
    }

    /** Publishes alice's track; bob (auto-subscribed) is its consumer: returns the consumer's SSRC. */
    private static int publish(Room room, String identity) throws Exception {
        TrackInfo track = room.publish(identity, new TrackOptions("0", PUBLISHER_SSRC, 111, 0, false))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return room.subscribe("bob", track.producerId()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** An Opus-like payload: a TOC byte (config 15, 20 ms, mono) and 60 bytes depending on {@code i}. */
    private static byte[] opusLike(int i) {
        byte[] payload = new byte[61];
        payload[0] = 0x78;
        for (int j = 1; j < payload.length; j++) {
            payload[j] = (byte) (i * 31 + j);
        }
        return payload;
    }

    private static byte[] forgedRtp() {
        ByteBuffer packet = ByteBuffer.allocate(12 + 61 + 16);
        packet.put((byte) 0x80).put((byte) 111).putShort((short) 77).putInt(77 * 960).putInt(PUBLISHER_SSRC);
        packet.put(opusLike(3));
        return packet.array();
    }

    private static byte[] forgedRtcp() {
        ByteBuffer packet = ByteBuffer.allocate(28 + 4 + 16);
        packet.put((byte) 0x80).put((byte) 200).putShort((short) 6).putInt(PUBLISHER_SSRC);
        packet.putLong(0x0102_0304_0506_0708L).putInt(1234).putInt(10).putInt(1000);
        packet.putInt(0x8000_0001).put(new byte[16]);
        return packet.array();
    }

    /** Sends a valid packet and hands the identical bytes back for a second, replayed send. */
    private static byte[] sentTwice(Peer peer) {
        byte[] srtp = peer.client().protectRtp(PUBLISHER_SSRC, 4000, opusLike(4));
        peer.client().sendToServer(srtp);
        return srtp;
    }

    /** Whether the next packet bob's client has (or gets within 10 ms) carries {@code payload}. */
    private static boolean receivedPayload(Peer peer, byte[] payload) throws InterruptedException {
        byte[] srtp = peer.client().rtp.poll(10, TimeUnit.MILLISECONDS);
        if (srtp == null) {
            return false;
        }
        byte[] rtp = peer.client().unprotectRtp(srtp);
        return Arrays.equals(Arrays.copyOfRange(rtp, 12, rtp.length), payload);
    }

    /** Reads state on the media loop, where it lives. */
    private <T> T onLoop(Supplier<T> read) throws Exception {
        return socket.loop().submit(read::get).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** {@link #eventually} for a condition on loop-confined state, read on the media loop. */
    private boolean eventually(Supplier<Boolean> onLoopCondition) throws Exception {
        return eventuallyOffLoop(() -> onLoop(onLoopCondition));
    }

    /**
     * Checks {@code condition} on the test thread, waiting 10 ms between checks for a task on the media loop (no
     * sleep), until it holds or {@link WebRtcTestClient#TIMEOUT_SECONDS} pass.
     */
    private boolean eventuallyOffLoop(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return true;
            }
            socket.loop().schedule(() -> { }, 10, TimeUnit.MILLISECONDS).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        return false;
    }

    private long unknownSourceDrops() throws Exception {
        return socket.dropCounts().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(DropReason.UNKNOWN_SOURCE);
    }
}
