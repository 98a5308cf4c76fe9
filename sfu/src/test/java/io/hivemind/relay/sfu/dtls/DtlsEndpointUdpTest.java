package io.hivemind.relay.sfu.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our CLIENT and SERVER endpoints over real UDP sockets on 127.0.0.1, each socket read by its own thread. */
class DtlsEndpointUdpTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final DtlsFixture fixture = new DtlsFixture();
    private final ExecutorService readers = Executors.newFixedThreadPool(2);
    private DatagramChannel clientSocket;
    private DatagramChannel serverSocket;

    @AfterEach
    void closeAll() throws Exception {
        fixture.close();
        if (clientSocket != null) {
            clientSocket.close();
        }
        if (serverSocket != null) {
            serverSocket.close();
        }
        readers.shutdown();
        assertThat(readers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void handshakeOverLoopbackUdpThenCloseNotify() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        clientSocket = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
        serverSocket = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
        InetSocketAddress clientAddress = (InetSocketAddress) clientSocket.getLocalAddress();
        InetSocketAddress serverAddress = (InetSocketAddress) serverSocket.getLocalAddress();
        DtlsSettings settings = DtlsSettings.defaults();

        DtlsEndpoint client = fixture.endpoint("[udp-client]", SrtpKeyingMaterial.Role.CLIENT,
                DtlsFixture.CLIENT_CERTIFICATE, DtlsFixture.SERVER_CERTIFICATE.fingerprint(),
                sendTo(clientSocket, serverAddress), settings);
        DtlsEndpoint server = fixture.endpoint("[udp-server]", SrtpKeyingMaterial.Role.SERVER,
                DtlsFixture.SERVER_CERTIFICATE, DtlsFixture.CLIENT_CERTIFICATE.fingerprint(),
                sendTo(serverSocket, clientAddress), settings);
        readers.execute(() -> pump(clientSocket, client));
        readers.execute(() -> pump(serverSocket, server));
        server.start();
        client.start();

        SrtpKeyingMaterial clientKeys = client.handshakeFuture().join();
        SrtpKeyingMaterial serverKeys = server.handshakeFuture().join();
        DtlsFixture.assertKeysInterwork(clientKeys, serverKeys);

        server.close();
        assertThat(client.closeFuture()).succeedsWithin(WAIT).isEqualTo(DtlsState.CLOSED);
    }

    private static DatagramSender sendTo(DatagramChannel socket, InetSocketAddress target) {
        return (datagram, offset, length) -> {
            try {
                socket.send(ByteBuffer.wrap(datagram, offset, length), target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Reads datagrams into the endpoint until the socket closes, as the transport's event loop will. */
    private static void pump(DatagramChannel socket, DtlsEndpoint endpoint) {
        ByteBuffer receive = ByteBuffer.allocate(DtlsEndpoint.RECEIVE_LIMIT + 1);
        try {
            while (true) {
                receive.clear();
                socket.receive(receive);
                receive.flip();
                ByteBuf datagram = Unpooled.wrappedBuffer(receive);
                try {
                    endpoint.offer(datagram);
                } finally {
                    datagram.release();
                }
            }
        } catch (ClosedChannelException e) {
            // the test is over
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
