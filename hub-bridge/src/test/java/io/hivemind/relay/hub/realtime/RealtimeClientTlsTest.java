package io.hivemind.relay.hub.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.hub.realtime.fake.FakeRealtimeServer;
import io.hivemind.relay.hub.realtime.fake.FakeScript;
import io.hivemind.relay.hub.realtime.fake.FakeTlsCertificate;
import io.hivemind.relay.media.time.ManualClock;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code wss://}: a session over TLS, and the JDK trust store refusing an unknown certificate before any key. */
class RealtimeClientTlsTest {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final RecordingListener listener = new RecordingListener();
    private final ManualScheduler scheduler = new ManualScheduler();
    private FakeTlsCertificate certificate;
    private FakeRealtimeServer server;
    private RealtimeClient client;

    @BeforeEach
    void setUp() throws Exception {
        certificate = FakeTlsCertificate.create();
        server = FakeRealtimeServer.startTls(RealtimeClientTest.KEY, FakeScript.defaults(),
                certificate.serverContext());
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void opensASessionOverTls() throws Exception {
        client = builder().tls(certificate.trustingClientContext()).build();
        client.start();

        listener.await(RealtimeServerEvent.SessionUpdated.class, 1);
        assertThat(server.baseUrl().getScheme()).isEqualTo("wss");
        assertThat(server.handshakes()).extracting(FakeRealtimeServer.Handshake::status).containsExactly(101);
        assertThat(server.violations()).isEmpty();
    }

    @Test
    void theJdkTrustStoreRefusesAnUnknownCertificateBeforeTheKeyIsSent() throws Exception {
        client = builder().build();
        client.start();

        scheduler.awaitScheduled(1);
        assertThat(listener.reconnecting()).extracting(RecordingListener.Reconnecting::reason)
                .containsExactly("connection closed before the session began");
        assertThat(server.handshakes()).isEmpty();
        assertThat(listener.events()).isEmpty();
    }

    private RealtimeClientBuilder builder() {
        return RealtimeClient.builder(new RealtimeEndpoint(server.baseUrl(), "gpt-realtime"),
                        ApiSecret.of(RealtimeClientTest.KEY), RealtimeClientTest.SESSION, listener)
                .transport(group, NioSocketChannel.class).reconnectScheduler(scheduler).clock(new ManualClock());
    }
}
