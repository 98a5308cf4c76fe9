package io.hivemind.relay.sfu.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Interop with an independent DTLS 1.2 implementation, the JDK's SSLEngine. It has no use_srtp extension, so our
 * server must refuse its ClientHello cleanly with NO_SRTP_PROFILE and a fatal alert, never export keys.
 */
class JdkDtlsClientInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int ALERT_CONTENT_TYPE = 21;

    private final DtlsFixture fixture = new DtlsFixture();

    @AfterEach
    void closeFixture() {
        fixture.close();
    }

    @Test
    void jdkClientWithoutUseSrtpIsRefused() throws Exception {
        List<byte[]> serverDatagrams = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> alertSent = new CompletableFuture<>();
        DtlsEndpoint server = fixture.endpoint("[jdk-interop]", SrtpKeyingMaterial.Role.SERVER,
                DtlsFixture.SERVER_CERTIFICATE, DtlsFixture.CLIENT_CERTIFICATE.fingerprint(),
                (datagram, offset, length) -> {
                    byte[] copy = Arrays.copyOfRange(datagram, offset, offset + length);
                    serverDatagrams.add(copy);
                    if (copy.length > 0 && copy[0] == ALERT_CONTENT_TYPE) {
                        alertSent.complete(null);
                    }
                }, DtlsSettings.defaults());
        server.start();

        for (ByteBuffer datagram : jdkFirstFlight()) {
            ByteBuf buffer = Unpooled.wrappedBuffer(datagram);
            try {
                assertThat(server.offer(buffer)).isTrue();
            } finally {
                buffer.release();
            }
        }

        assertThat(server.closeFuture()).succeedsWithin(WAIT).isEqualTo(DtlsState.FAILED);
        assertThat(server.failureReason()).isEqualTo(DtlsFailureReason.NO_SRTP_PROFILE);
        assertThat(server.handshakeFuture()).isCompletedExceptionally();
        assertThat(alertSent).succeedsWithin(WAIT);
        assertThat(serverDatagrams)
                .allSatisfy(datagram -> assertThat(datagram[0]).isEqualTo((byte) ALERT_CONTENT_TYPE));
        assertThat(fixture.counters.failures(DtlsFailureReason.NO_SRTP_PROFILE)).isEqualTo(1);
    }

    /** Drives a JDK DTLS 1.2 client engine until it has produced its ClientHello datagrams. */
    private static List<ByteBuffer> jdkFirstFlight() throws Exception {
        SSLContext context = SSLContext.getInstance("DTLSv1.2");
        context.init(null, null, null);
        SSLEngine engine = context.createSSLEngine("relay.invalid", 5764);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        List<ByteBuffer> datagrams = new CopyOnWriteArrayList<>();
        ByteBuffer empty = ByteBuffer.allocate(0);
        while (true) {
            SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
            if (status == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
            } else if (status == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                engine.wrap(empty, out);
                out.flip();
                if (out.hasRemaining()) {
                    datagrams.add(out);
                }
            } else {
                return datagrams;
            }
        }
    }
}
