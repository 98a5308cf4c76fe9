package io.hivemind.relay.signaling.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.signaling.rest.SystemRoutes;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real loopback connections: HTTP/1.1, h2c upgrade, h2 prior knowledge, TLS with ALPN, metrics. */
class SignalingServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static HttpResponse<String> get(HttpClient client, java.net.URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void http11HealthzAndErrorShape() throws Exception {
        try (LoopbackSignaling signaling = new LoopbackSignaling()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> health = get(client, signaling.uri("/healthz"));
            assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(health.headers().firstValue("content-type")).hasValue("application/json");
            HttpResponse<String> missing = get(client, signaling.uri("/missing"));
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body())
                    .isEqualTo("{\"error\":{\"code\":\"not_found\",\"message\":\"no such endpoint\"}}");
        }
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        try (LoopbackSignaling signaling = new LoopbackSignaling()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            byte[] body = new byte[SignalingConfig.DEFAULT_MAX_BODY_BYTES + 1];
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(signaling.uri("/api/rooms"))
                    .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).contains("\"code\":\"payload_too_large\"");
        }
    }

    @Test
    void h2cUpgradeServesOverHttp2() throws Exception {
        try (LoopbackSignaling signaling = new LoopbackSignaling()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            HttpResponse<String> first = get(client, signaling.uri("/healthz"));
            assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(first.body()).isEqualTo("{\"status\":\"ok\"}");
            HttpResponse<String> second = get(client, signaling.uri("/missing"));
            assertThat(second.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(second.statusCode()).isEqualTo(404);
            assertThat(second.body()).contains("not_found");
        }
    }

    @Test
    void h2PriorKnowledgeServesOverHttp2() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (LoopbackSignaling signaling = new LoopbackSignaling()) {
            Channel connection = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            channel.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                    new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
                                        @Override
                                        protected void initChannel(Channel pushed) {
                                        }
                                    }));
                        }
                    })
                    .connect(signaling.server.localAddress()).sync().channel();
            CompletableFuture<String> answer = new CompletableFuture<>();
            Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                    .handler(new ChannelInitializer<Http2StreamChannel>() {
                        @Override
                        protected void initChannel(Http2StreamChannel channel) {
                            channel.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false),
                                    new HttpObjectAggregator(65536),
                                    new SimpleChannelInboundHandler<FullHttpResponse>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx,
                                                FullHttpResponse response) {
                                            answer.complete(response.status().code() + " "
                                                    + response.content().toString(StandardCharsets.UTF_8));
                                        }
                                    });
                        }
                    }).open().sync().getNow();
            DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                    "/healthz");
            request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
            stream.writeAndFlush(request).sync();
            assertThat(answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("200 {\"status\":\"ok\"}");
            connection.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void tlsNegotiatesH2AndHttp11ByAlpn(@TempDir Path directory) throws Exception {
        TestCertificate certificate = TestCertificate.create(directory);
        try (LoopbackSignaling signaling = new LoopbackSignaling(SignalingConfig.defaults()
                .withTls(certificate.chainPem(), certificate.keyPem()))) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("relay", certificate.certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            for (HttpClient.Version version : HttpClient.Version.values()) {
                HttpClient client = HttpClient.newBuilder().sslContext(context).version(version).build();
                HttpResponse<String> response = get(client, signaling.uri("/healthz"));
                assertThat(response.version()).isEqualTo(version);
                assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
            }
        }
    }

    @Test
    void metricsExposePrometheusText() throws Exception {
        try (LoopbackSignaling signaling = new LoopbackSignaling()) {
            signaling.stats.delay.record(300_000, 1);
            signaling.stats.delay.record(40_000_000, 1);
            signaling.stats.packetsIn = 1234;
            HttpResponse<String> metrics = get(HttpClient.newHttpClient(), signaling.uri("/metrics"));
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("content-type")).hasValue(SystemRoutes.PROMETHEUS_TEXT);
            assertThat(metrics.body())
                    .contains("relay_rooms 2.0", "relay_participants 5.0", "relay_packets_in_total 1234.0",
                            "relay_bytes_out_total 400000.0", "relay_drops_total{reason=\"srtp_auth\"} 7.0",
                            "relay_drops_total{reason=\"unknown_ssrc\"} 2.0", "relay_ice_failures_total 1.0",
                            "relay_dtls_failures_total 3.0",
                            "relay_forwarding_delay_seconds_bucket{le=\"5.0E-4\"} 1",
                            "relay_forwarding_delay_seconds_bucket{le=\"0.05\"} 2",
                            "relay_forwarding_delay_seconds_bucket{le=\"+Inf\"} 2",
                            "relay_forwarding_delay_seconds_count 2", "relay_forwarding_delay_seconds_sum 0.0403");
        }
    }
}
