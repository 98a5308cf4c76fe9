package io.hivemind.relay.sfu.webrtc;

import static io.hivemind.relay.sfu.webrtc.WebRtcTestClient.TIMEOUT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.hivemind.relay.media.time.ManualClock;
import io.hivemind.relay.sfu.dtls.DtlsCertificate;
import io.hivemind.relay.sfu.dtls.DtlsFailureReason;
import io.hivemind.relay.sfu.dtls.DtlsSettings;
import io.hivemind.relay.sfu.ice.IceCredentials;
import io.hivemind.relay.sfu.room.JoinOptions;
import io.hivemind.relay.sfu.room.ParticipantInfo;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.room.TrackInfo;
import io.hivemind.relay.sfu.room.TrackOptions;
import io.hivemind.relay.sfu.webrtc.LoopbackRelay.Peer;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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

    private static final int PUBLISHER_SSRC = 0x5EED_0001;
    private static final int PACKETS = 50;

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

    private LoopbackRelay relay;

    @BeforeEach
    void start() throws Exception {
        relay = new LoopbackRelay();
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
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
        Room room = relay.room("r1");
        Room otherRoom = relay.room("r2");
        Peer alice = relay.connect(room, "alice");
        Peer bob = relay.connect(room, "bob");
        Peer carol = relay.connect(otherRoom, "carol");
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

        assertThat(relay.onLoop(() -> room.counters().rtpOut())).as("forwarded to bob only").isEqualTo(PACKETS);
        assertThat(relay.onLoop(() -> alice.transport().counters().rtpIn())).isEqualTo(PACKETS);
        assertThat(relay.onLoop(() -> bob.transport().counters().rtpOut())).isEqualTo(PACKETS);
        assertThat(relay.onLoop(() -> alice.transport().counters().rtpOut())).as("alice never hears herself")
                .isZero();
        assertThat(alice.client().rtp).isEmpty();
        assertThat(relay.onLoop(() -> carol.transport().counters().rtpOut())).as("another room hears nothing")
                .isZero();
        assertThat(carol.client().rtp).isEmpty();
        assertThat(relay.onLoop(() -> otherRoom.counters().rtpIn())).isZero();
    }

    @ParameterizedTest(name = "relay as DTLS {0}")
    @EnumSource(SrtpKeyingMaterial.Role.class)
    void mediaFlowsBothWaysWhicheverDtlsRoleTheRelayTakes(SrtpKeyingMaterial.Role relayRole) throws Exception {
        Room room = relay.room("r1");
        Peer alice = relay.connect(room, "alice", relayRole);
        Peer bob = relay.connect(room, "bob", relayRole);
        int aliceHearsBob = publishAs(room, "bob", "alice", 0x0B0B_0001);
        int bobHearsAlice = publishAs(room, "alice", "bob", 0x0A0A_0001);

        alice.client().sendToServer(alice.client().protectRtp(0x0A0A_0001, 10, opusLike(10)));
        bob.client().sendToServer(bob.client().protectRtp(0x0B0B_0001, 20, opusLike(20)));

        assertThat(ByteBuffer.wrap(receive(bob)).getInt(8)).isEqualTo(bobHearsAlice);
        assertThat(ByteBuffer.wrap(receive(alice)).getInt(8)).isEqualTo(aliceHearsBob);
        assertThat(relay.onLoop(() -> alice.transport().remote().dtlsRole())).isEqualTo(relayRole);
    }

    /** An application-data record in epoch 1 whose ciphertext cannot decrypt. */
    private static byte[] forgedDtlsRecord() {
        return new byte[] {0x17, (byte) 0xfe, (byte) 0xfd, 0x00, 0x01, 0, 0, 0, 0, 0, 0x09, 0x00, 0x04, 1, 2, 3, 4};
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
                        WebRtcTransportTest::sentTwice), WebRtcDropReason.INBOUND_REPLAYED),
                Arguments.of(Named.<Function<Peer, byte[]>>of("forged epoch-1 DTLS record",
                        peer -> forgedDtlsRecord()), WebRtcDropReason.DTLS_FAILED_AFTER_HANDSHAKE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDatagrams")
    void badMediaFromAValidatedAddressIsCountedAndForwardingGoesOn(Function<Peer, byte[]> datagram,
            WebRtcDropReason reason) throws Exception {
        Room room = relay.room("r1");
        Peer alice = relay.connect(room, "alice");
        Peer bob = relay.connect(room, "bob");
        publish(room, "alice");

        alice.client().sendToServer(datagram.apply(alice));

        assertThat(relay.eventually(() -> alice.transport().counters().drops(reason) == 1))
                .as("counted as %s", reason).isTrue();
        assertThat(relay.config.stats().collect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).drops().get(reason))
                .as("and in the loop's totals").isOne();
        alice.client().sendToServer(alice.client().protectRtp(PUBLISHER_SSRC, 5000, opusLike(7)));
        assertThat(relay.eventuallyOffLoop(() -> receivedPayload(bob, opusLike(7))))
                .as("forwarding goes on").isTrue();
        assertThat(relay.onLoop(() -> alice.transport().state())).isEqualTo(WebRtcTransportState.CONNECTED);
    }

    @Test
    void strangersAndStunForUnknownUfragsNeverReachATransport() throws Exception {
        Room room = relay.room("r1");
        Peer alice = relay.connect(room, "alice");
        try (DatagramChannel stranger = DatagramChannel.open()
                .bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            stranger.send(ByteBuffer.wrap(forgedRtp()), relay.socket.localAddress());
            byte[] dtlsRecord = {22, (byte) 0xfe, (byte) 0xfd, 0, 0};
            stranger.send(ByteBuffer.wrap(dtlsRecord), relay.socket.localAddress());
            assertThat(relay.eventuallyOffLoop(() -> relay.unknownSourceDrops() == 2)).isTrue();
        }
        assertThat(relay.onLoop(() -> alice.transport().counters().dropSnapshot().values().stream()
                .mapToLong(Long::longValue).sum())).isZero();
    }

    @Test
    void consentExpiryRemovesTheParticipantAndClosesItsTransport() throws Exception {
        Room room = relay.room("r1");
        Peer alice = relay.connect(room, "alice");
        Peer bob = relay.connect(room, "bob");
        publish(room, "alice");
        int endpoints = relay.onLoop(() -> relay.socket.registry().endpointCount());

        relay.clock.advance(LoopbackRelay.CONSENT_TIMEOUT.toSeconds() - 10, TimeUnit.SECONDS);
        bob.client().check();
        relay.clock.advance(11, TimeUnit.SECONDS);

        assertThat(relay.eventually(() -> alice.transport().state() == WebRtcTransportState.CLOSED)).isTrue();
        List<ParticipantInfo> left = room.participants().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(left).extracting(ParticipantInfo::identity).containsExactly("bob");
        assertThat(relay.onLoop(() -> relay.socket.registry().endpointCount())).isEqualTo(endpoints - 1);
        InetSocketAddress aliceAddress = alice.client().localAddress();
        assertThat(relay.onLoop(() -> relay.socket.registry().byAddress(aliceAddress))).isNull();
        assertThat(relay.onLoop(() -> bob.transport().state())).isEqualTo(WebRtcTransportState.CONNECTED);
        assertThat(relay.config.stats().collect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).iceFailures())
                .as("an ICE failure in the loop's totals, which outlive the transport").isOne();

        long unknownBefore = relay.unknownSourceDrops();
        alice.client().sendToServer(alice.client().protectRtp(PUBLISHER_SSRC, 9000, opusLike(1)));
        assertThat(relay.eventuallyOffLoop(() -> relay.unknownSourceDrops() == unknownBefore + 1))
                .as("alice's address is no longer routed").isTrue();
    }

    @Test
    void aPeerWhoseCertificateDoesNotMatchItsFingerprintIsRemoved() throws Exception {
        Room room = relay.room("r1");
        WebRtcTestClient client = relay.client("mallory");
        IceCredentials serverIce = relay.newIceCredentials();
        RemotePeer claimed = new RemotePeer(client.ice, DtlsCertificate.generate().fingerprint(),
                SrtpKeyingMaterial.Role.SERVER);
        WebRtcTransport transport = relay.transport(serverIce, claimed, "room=r1 p=mallory");
        transport.join(room, JoinOptions.of("mallory")).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        Throwable failure = null;
        try {
            client.connect(relay.socket.localAddress(), serverIce, LoopbackRelay.CERTIFICATE.fingerprint());
        } catch (Exception e) {
            failure = e;
        }
        assertThat(failure).as("the client's handshake is refused").isNotNull();
        assertThat(relay.eventually(() -> transport.state() == WebRtcTransportState.CLOSED)).isTrue();
        assertThat(room.participants().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aPeerThatNeverSpeaksDtlsIsRemovedAfterTheHandshakeTimeout() throws Exception {
        relay.close();
        relay = new LoopbackRelay(DtlsSettings.defaults().withHandshakeTimeout(Duration.ofMillis(300)));
        Room room = relay.room("r1");
        WebRtcTestClient client = relay.client("silent");
        IceCredentials serverIce = relay.newIceCredentials();
        WebRtcTransport transport = relay.transport(serverIce,
                new RemotePeer(client.ice, WebRtcTestClient.fingerprint(), SrtpKeyingMaterial.Role.SERVER),
                "room=r1 p=silent");
        transport.join(room, JoinOptions.of("silent")).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        client.checkOnly(relay.socket.localAddress(), serverIce);

        assertThat(relay.eventually(() -> transport.state() == WebRtcTransportState.CLOSED)).isTrue();
        assertThat(room.participants().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEmpty();
        assertThat(relay.config.dtlsCounters().failures(DtlsFailureReason.HANDSHAKE_TIMEOUT)).isOne();
        assertThat(relay.onLoop(() -> relay.socket.registry().endpointCount())).isZero();
    }

    @Test
    void theRoomMustLiveOnTheSocketsLoop() throws Exception {
        WebRtcTestClient client = relay.client("dave");
        WebRtcTransport transport = relay.transport(relay.newIceCredentials(),
                new RemotePeer(client.ice, WebRtcTestClient.fingerprint(), SrtpKeyingMaterial.Role.SERVER), "p=dave");
        DefaultEventLoop elsewhere = new DefaultEventLoop();
        try {
            Room foreign = new Room("foreign", elsewhere, LoopbackRelay.roomConfig(), relay.clock, Clock.systemUTC(),
                    () -> { });
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> transport.join(foreign, JoinOptions.of("dave")))
                    .withMessageContaining("another event loop");
            foreign.close().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            elsewhere.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        transport.close();
        assertThat(relay.eventually(() -> transport.state() == WebRtcTransportState.CLOSED
                && relay.socket.registry().endpointCount() == 0)).isTrue();
    }

    // ---- fixtures ----

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
        return publishAs(room, identity, "bob", PUBLISHER_SSRC);
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
}
