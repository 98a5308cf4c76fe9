package io.hivemind.relay.signaling.http;

import io.hivemind.relay.signaling.rest.RestRouter;
import io.hivemind.relay.signaling.ws.WebSocketEndpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * Builds each accepted connection's pipeline. With TLS: TLS, then ALPN picks h2 or http/1.1. Without: HTTP/1.1,
 * upgraded to h2c by {@code Upgrade: h2c} (RFC 7540 section 3.2) or switched to h2 by the prior-knowledge
 * preface (RFC 9113 section 3.3). HTTP/2 streams become child channels that decode to the same HTTP/1-style
 * objects, so {@link HttpRequestHandler} serves both. WebSockets (RFC 6455) exist on HTTP/1.1 connections only.
 */
public final class SignalingServerInitializer extends ChannelInitializer<Channel> {

    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final SignalingConfig config;
    private final SslContext ssl;
    private final RestRouter router;
    private final WebSocketEndpoint webSockets;

    /**
     * @param ssl the server TLS context with ALPN, or null for cleartext
     */
    public SignalingServerInitializer(SignalingConfig config, SslContext ssl, RestRouter router,
            WebSocketEndpoint webSockets) {
        this.config = config;
        this.ssl = ssl;
        this.router = router;
        this.webSockets = webSockets;
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("idle", new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        pipeline.addLast(ConnectionGuard.NAME, ConnectionGuard.INSTANCE);
        if (ssl != null) {
            pipeline.addBefore(ConnectionGuard.NAME, "tls", ssl.newHandler(channel.alloc()));
            pipeline.addBefore(ConnectionGuard.NAME, "alpn", new AlpnPipelineSelector(this));
        } else {
            addCleartext(pipeline);
        }
    }

    private void addCleartext(ChannelPipeline pipeline) {
        HttpServerCodec codec = httpCodec();
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(codec, protocol ->
                AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(http2FrameCodec(), http2Multiplexer()) : null,
                config.maxBodyBytes());
        ChannelInitializer<Channel> priorKnowledge = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                addHttp2(channel.pipeline());
            }
        };
        pipeline.addBefore(ConnectionGuard.NAME, "h2c", new CleartextHttp2ServerUpgradeHandler(codec, upgrade,
                priorKnowledge));
        pipeline.addBefore(ConnectionGuard.NAME, "http1", new SimpleChannelInboundHandler<HttpMessage>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, HttpMessage first) {
                // A plain HTTP/1.1 request (not an h2c upgrade): this connection stays HTTP/1.1.
                addHttp1(ctx.pipeline(), false);
                ctx.pipeline().remove(this);
                ctx.fireChannelRead(ReferenceCountUtil.retain(first));
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof HttpServerUpgradeHandler.UpgradeEvent
                        || evt instanceof CleartextHttp2ServerUpgradeHandler.PriorKnowledgeUpgradeEvent) {
                    ctx.pipeline().remove(this);
                }
                ctx.fireUserEventTriggered(evt);
            }
        });
    }

    /** HTTP/1.1 handlers, before the guard; {@code withCodec} false when an upgrade handler owns the codec. */
    void addHttp1(ChannelPipeline pipeline, boolean withCodec) {
        if (withCodec) {
            pipeline.addBefore(ConnectionGuard.NAME, "http1-codec", httpCodec());
        }
        pipeline.addBefore(ConnectionGuard.NAME, "aggregator", new BoundedBodyAggregator(config.maxBodyBytes()));
        webSockets.addTo(pipeline, ConnectionGuard.NAME);
        pipeline.addBefore(ConnectionGuard.NAME, "requests", new HttpRequestHandler(router));
    }

    /** The HTTP/2 connection handlers, before the guard (after ALPN chose h2). */
    void addHttp2(ChannelPipeline pipeline) {
        pipeline.addBefore(ConnectionGuard.NAME, "h2-frames", http2FrameCodec());
        pipeline.addBefore(ConnectionGuard.NAME, "h2-streams", http2Multiplexer());
    }

    private HttpServerCodec httpCodec() {
        return new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, 8192);
    }

    private Http2FrameCodec http2FrameCodec() {
        Http2Settings settings = Http2Settings.defaultSettings().maxConcurrentStreams(100)
                .maxHeaderListSize(MAX_HEADER_BYTES);
        return Http2FrameCodecBuilder.forServer().initialSettings(settings).build();
    }

    private Http2MultiplexHandler http2Multiplexer() {
        return new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                        new BoundedBodyAggregator(config.maxBodyBytes()), new HttpRequestHandler(router));
                stream.pipeline().addLast(ConnectionGuard.NAME, ConnectionGuard.INSTANCE);
            }
        });
    }
}
