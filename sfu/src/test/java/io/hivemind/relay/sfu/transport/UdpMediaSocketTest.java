package io.hivemind.relay.sfu.transport;

import static io.hivemind.relay.sfu.ice.BindingRequests.SERVER;
import static io.hivemind.relay.sfu.ice.BindingRequests.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.media.stun.StunClass;
import io.hivemind.relay.media.stun.StunDropReason;
import io.hivemind.relay.media.stun.StunIntegrity;
import io.hivemind.relay.media.stun.StunMessage;
import io.hivemind.relay.media.time.NanoClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.epoll.Epoll;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real UDP on 127.0.0.1: a client's check, its media, and a stranger's media, through epoll and NIO sockets. */
class UdpMediaSocketTest {

    private static final long TIMEOUT_SECONDS = 10;

    private MediaSocketGroup group;
    private DatagramChannel client;
    private DatagramChannel stranger;

    @AfterEach
    void close() throws Exception {
        if (client != null) {
            client.close();
        }
        if (stranger != null) {
            stranger.close();
        }
        if (group != null) {
            group.close();
        }
    }

    @ParameterizedTest(name = "native epoll requested: {0}")
    @ValueSource(booleans = {true, false})
    void checkThenMediaReachTheEndpointAndStrangersAreDropped(boolean nativeEpoll) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        group = MediaSocketGroup.start(new MediaSocketGroup.Config(loopback, 0, 1, List.of(), nativeEpoll));
        UdpMediaSocket socket = group.nextSocket();
        assertThat(socket.isNative()).isEqualTo(nativeEpoll && Epoll.isAvailable());
        assertThat(socket.candidates()).singleElement().satisfies(c -> assertThat(c.toSdpValue())
                .isEqualTo("candidate:1 1 udp 2130706431 127.0.0.1 " + socket.localAddress().getPort() + " typ host"));
        IceEndpoint endpoint = socket.loop().submit(() -> new IceEndpoint(socket.registry(), NanoClock.SYSTEM))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        client = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
        stranger = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
        client.socket().setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));

        client.send(ByteBuffer.wrap(check(1, true)), socket.localAddress());
        byte[] answer = receive(client);
        ByteBuf buf = Unpooled.wrappedBuffer(answer);
        try {
            StunMessage response = new StunMessage();
            assertThat(response.wrap(buf)).isEqualTo(StunDropReason.NONE);
            assertThat(response.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
            assertThat(response.xorMappedSocketAddress()).isEqualTo(client.getLocalAddress());
            assertThat(StunIntegrity.shortTerm(SERVER.password()).verify(response)).isTrue();
            assertThat(response.verifyFingerprint()).isTrue();
        } finally {
            buf.release();
        }

        stranger.send(ByteBuffer.wrap(MediaDatagramHandlerTest.RTP), socket.localAddress());
        client.send(ByteBuffer.wrap(MediaDatagramHandlerTest.RTP), socket.localAddress());

        IceEndpoint.Received rtp = endpoint.received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(rtp).isNotNull();
        assertThat(rtp.kind()).isEqualTo(PacketKind.RTP);
        assertThat(rtp.bytes()).isEqualTo(MediaDatagramHandlerTest.RTP);
        assertThat(rtp.sender()).isEqualTo(client.getLocalAddress());
        // The stranger's packet was queued on the same socket before the client's, so it has been handled by now.
        Map<DropReason, Long> drops = socket.dropCounts().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(drops).containsEntry(DropReason.UNKNOWN_SOURCE, 1L);
        assertThat(endpoint.received).isEmpty();
        assertThat(socket.loop().submit(() -> endpoint.ice.selectedTuple()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isEqualTo(client.getLocalAddress());
    }

    private static byte[] receive(DatagramChannel channel) throws Exception {
        java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[2048], 2048);
        try {
            channel.socket().receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no STUN response within " + TIMEOUT_SECONDS + " s", e);
        }
        return java.util.Arrays.copyOf(packet.getData(), packet.getLength());
    }
}
