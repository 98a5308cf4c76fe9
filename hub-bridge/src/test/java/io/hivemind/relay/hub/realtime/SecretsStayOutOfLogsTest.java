package io.hivemind.relay.hub.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.hub.realtime.fake.FakeRealtimeServer;
import io.hivemind.relay.hub.realtime.fake.FakeScript;
import io.hivemind.relay.media.time.ManualClock;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs every path where a key or a client secret flows (handshakes accepted and refused, errors, expiry, drops,
 * reconnects, minting accepted and refused) with every logger at DEBUG, then looks for the secrets in the output.
 */
class SecretsStayOutOfLogsTest {

    private static final String KEY = "sk-log-test-KEY-5f0e2d";
    private static final String WRONG_KEY = "sk-log-test-WRONG-99ab1";

    @Test
    void noKeyOrClientSecretIsEverLogged() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        List<String> secrets = new ArrayList<>(List.of(KEY, WRONG_KEY));
        List<String> lines;
        try (LogCapture logs = new LogCapture();
                FakeRealtimeServer server = FakeRealtimeServer.start(KEY, FakeScript.defaults())) {
            RealtimeEndpoint endpoint = new RealtimeEndpoint(server.baseUrl(), "gpt-realtime");

            RecordingListener refused = new RecordingListener();
            RealtimeClient wrong = client(endpoint, WRONG_KEY, refused, group, new ManualScheduler());
            wrong.start();
            refused.awaitCondition(() -> !refused.closed().isEmpty(), "refusal");

            RecordingListener listener = new RecordingListener();
            ManualScheduler scheduler = new ManualScheduler();
            RealtimeClient client = client(endpoint, KEY, listener, group, scheduler);
            client.start();
            listener.await(RealtimeServerEvent.SessionUpdated.class, 1);
            client.truncate("item_unknown", 0, 10);
            listener.await(RealtimeServerEvent.ServerError.class, 1);
            server.expireSession();
            scheduler.awaitScheduled(1);
            scheduler.runPending();
            listener.await(RealtimeServerEvent.SessionUpdated.class, 2);
            server.dropConnection();
            scheduler.awaitScheduled(2);
            scheduler.runPending();
            listener.await(RealtimeServerEvent.SessionUpdated.class, 3);
            client.close();
            listener.awaitCondition(() -> !listener.closed().isEmpty(), "close");

            HttpClient http = HttpClient.newHttpClient();
            ClientSecretMinter minter = new ClientSecretMinter(endpoint, ApiSecret.of(KEY), http,
                    ClientSecretMinter.DEFAULT_TTL, Duration.ofSeconds(10));
            ClientSecret secret = minter.mint(RealtimeClientTest.SESSION).get(10, TimeUnit.SECONDS);
            secrets.add(secret.value().reveal());
            new ClientSecretMinter(endpoint, ApiSecret.of(WRONG_KEY), http, ClientSecretMinter.DEFAULT_TTL,
                    Duration.ofSeconds(10)).mint(RealtimeClientTest.SESSION).handle((ok, failed) -> failed).join();
            server.failSecretsWith(500);
            minter.mint(RealtimeClientTest.SESSION).handle((ok, failed) -> failed).join();
            lines = logs.lines();
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }

        assertThat(lines).anySatisfy(line -> assertThat(line).contains("refused the key (HTTP 401)"))
                .anySatisfy(line -> assertThat(line).contains("Realtime session reopened"))
                .anySatisfy(line -> assertThat(line).contains("Realtime client secret refused: HTTP 401"))
                .anySatisfy(line -> assertThat(line).contains("session_expired"));
        for (String secret : secrets) {
            assertThat(lines).noneSatisfy(line -> assertThat(line).contains(secret));
        }
    }

    private static RealtimeClient client(RealtimeEndpoint endpoint, String key, RealtimeListener listener,
            EventLoopGroup group, ManualScheduler scheduler) {
        return RealtimeClient.builder(endpoint, ApiSecret.of(key), RealtimeClientTest.SESSION, listener)
                .transport(group, NioSocketChannel.class).reconnectScheduler(scheduler).clock(new ManualClock())
                .build();
    }
}
