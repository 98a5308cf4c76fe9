package io.hivemind.relay.hub.realtime;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Opens one Realtime WebSocket connection on a given loop: TCP (TLS for {@code wss}), the HTTP/1.1 upgrade to
 * {@code <baseUrl>?model=<model>} with {@code Authorization: Bearer <key>} and nothing else of note (in particular no
 * {@code OpenAI-Beta}), whole-message aggregation, then the caller's handler. Close frames are left to the caller
 * so it can read their code.
 */
final class RealtimeConnector {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_HTTP_RESPONSE_BYTES = 64 * 1024;

    private final RealtimeEndpoint endpoint;
    private final ApiSecret key;
    private final SslContext tls;
    private final EventLoop loop;
    private final Class<? extends Channel> channelType;
    private final Duration readIdle;

    /**
     * {@code tls} may be null: then {@code wss} uses the JDK trust store with host-name verification.
     * {@code readIdle}: after this long without receiving a byte the last handler gets a reader-idle event.
     */
    RealtimeConnector(RealtimeEndpoint endpoint, ApiSecret key, SslContext tls, EventLoop loop,
            Class<? extends Channel> channelType, Duration readIdle) {
        this.endpoint = endpoint;
        this.key = key;
        this.readIdle = readIdle;
        this.tls = !endpoint.secure() ? null : tls != null ? tls : defaultTls();
        this.loop = loop;
        this.channelType = channelType;
    }

    /** Starts connecting; {@code last} ends the pipeline and sees the handshake outcome and every message. */
    ChannelFuture connect(ChannelHandler last) {
        String host = endpoint.baseUrl().getHost();
        int port = endpoint.port();
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(endpoint.webSocketUri())
                .version(WebSocketVersion.V13)
                .customHeaders(new DefaultHttpHeaders().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + key.reveal()))
                .maxFramePayloadLength(RealtimeJson.MAX_MESSAGE_CHARS)
                .handleCloseFrames(false)
                .dropPongFrames(true)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .build();
        return new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelPipeline pipeline = ch.pipeline();
                        if (tls != null) {
                            pipeline.addLast("tls", tls.newHandler(ch.alloc(), host, port));
                        }
                        // Counts any received byte (pongs included) as life.
                        pipeline.addLast("idle", new IdleStateHandler(readIdle.toNanos(), 0, 0, TimeUnit.NANOSECONDS));
                        pipeline.addLast("http", new HttpClientCodec());
                        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_RESPONSE_BYTES));
                        pipeline.addLast("ws", new WebSocketClientProtocolHandler(config));
                        pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(RealtimeJson.MAX_MESSAGE_CHARS));
                        pipeline.addLast("realtime", last);
                    }
                })
                .connect(host, port);
    }

    private static SslContext defaultTls() {
        try {
            return SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for the Realtime client", e);
        }
    }
}
