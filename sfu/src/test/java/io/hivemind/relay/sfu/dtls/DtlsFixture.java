package io.hivemind.relay.sfu.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.media.srtp.SrtpContext;
import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.hivemind.relay.media.srtp.SrtpStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real endpoints on a real "dtls-handshake" pool for the tests, wired back to back in memory; closing the fixture
 * closes every endpoint and proves the pool's threads all end.
 */
final class DtlsFixture implements AutoCloseable {

    static final DtlsCertificate CLIENT_CERTIFICATE = DtlsCertificate.generate();
    static final DtlsCertificate SERVER_CERTIFICATE = DtlsCertificate.generate();

    final DtlsCounters counters = new DtlsCounters();
    private final AtomicInteger threads = new AtomicInteger();
    final ExecutorService pool = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "dtls-handshake-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final List<DtlsEndpoint> endpoints = new ArrayList<>();

    /** A client and a server whose senders offer straight into each other. */
    record Pair(DtlsEndpoint client, DtlsEndpoint server) {
        void start() {
            server.start();
            client.start();
        }
    }

    Pair pair(DtlsSettings clientSettings, DtlsSettings serverSettings) {
        return pair(clientSettings, serverSettings, SERVER_CERTIFICATE.fingerprint(),
                CLIENT_CERTIFICATE.fingerprint(), (datagram, offset, length) -> { });
    }

    /**
     * @param clientExpects the fingerprint the client checks the server against
     * @param serverExpects the fingerprint the server checks the client against
     * @param clientTap     also sees every datagram the client sends
     */
    Pair pair(DtlsSettings clientSettings, DtlsSettings serverSettings, DtlsFingerprint clientExpects,
              DtlsFingerprint serverExpects, DatagramSender clientTap) {
        AtomicReference<DtlsEndpoint> clientRef = new AtomicReference<>();
        AtomicReference<DtlsEndpoint> serverRef = new AtomicReference<>();
        DtlsEndpoint client = endpoint("[client]", SrtpKeyingMaterial.Role.CLIENT, CLIENT_CERTIFICATE, clientExpects,
                (datagram, offset, length) -> {
                    clientTap.send(datagram, offset, length);
                    deliver(serverRef.get(), datagram, offset, length);
                }, clientSettings);
        DtlsEndpoint server = endpoint("[server]", SrtpKeyingMaterial.Role.SERVER, SERVER_CERTIFICATE, serverExpects,
                (datagram, offset, length) -> deliver(clientRef.get(), datagram, offset, length), serverSettings);
        clientRef.set(client);
        serverRef.set(server);
        return new Pair(client, server);
    }

    DtlsEndpoint endpoint(String prefix, SrtpKeyingMaterial.Role role, DtlsCertificate certificate,
                          DtlsFingerprint expects, DatagramSender sender, DtlsSettings settings) {
        DtlsEndpoint endpoint = new DtlsEndpoint(prefix, role, certificate, expects, sender, pool, counters,
                settings);
        endpoints.add(endpoint);
        return endpoint;
    }

    static void deliver(DtlsEndpoint target, byte[] datagram, int offset, int length) {
        ByteBuf buffer = Unpooled.copiedBuffer(datagram, offset, length);
        try {
            target.offer(buffer);
        } finally {
            buffer.release();
        }
    }

    /** Proves the halves match crosswise: what one side protects, the other unprotects, in both directions. */
    static void assertKeysInterwork(SrtpKeyingMaterial client, SrtpKeyingMaterial server) {
        assertThat(client.profile()).isEqualTo(server.profile());
        assertThat(client.local()).isEqualTo(server.remote());
        assertThat(client.remote()).isEqualTo(server.local());
        roundTrip(client.outbound(1), server.inbound(1));
        roundTrip(server.outbound(1), client.inbound(1));
    }

    private static void roundTrip(SrtpContext sender, SrtpContext receiver) {
        byte[] rtp = {(byte) 0x80, 111, 0x12, 0x34, 0, 0, 0x03, (byte) 0xc0, 0x11, 0x22, 0x33, 0x44,
            0x78, 1, 2, 3, 4, 5, 6, 7};
        ByteBuf packet = Unpooled.buffer(64).writeBytes(rtp);
        try {
            assertThat(sender.protectRtp(packet)).isEqualTo(SrtpStatus.OK);
            assertThat(packet.readableBytes()).isGreaterThan(rtp.length);
            assertThat(receiver.unprotectRtp(packet)).isEqualTo(SrtpStatus.OK);
            assertThat(ByteBufUtil.getBytes(packet)).isEqualTo(rtp);
        } finally {
            packet.release();
        }
    }

    @Override
    public void close() {
        endpoints.forEach(DtlsEndpoint::close);
        pool.shutdown();
        try {
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).as("DTLS threads ended").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for DTLS threads", e);
        }
    }
}
