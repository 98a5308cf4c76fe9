package io.hivemind.relay.signaling.http;

import io.hivemind.relay.signaling.rest.RestRouter;
import io.hivemind.relay.signaling.ws.WebSocketEndpoint;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The signaling HTTP server: HTTP/1.1, h2c and, with a certificate, TLS with ALPN h2 / http/1.1, serving the
 * REST routes and the {@code /ws} WebSocket. Native epoll on Linux when available, NIO otherwise.
 */
public final class SignalingServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SignalingServer.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;
    private final boolean tls;

    private SignalingServer(EventLoopGroup boss, EventLoopGroup workers, Channel listener, boolean tls) {
        this.boss = boss;
        this.workers = workers;
        this.listener = listener;
        this.tls = tls;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IOException when the certificate or key cannot be read or the address cannot be bound
     */
    public static SignalingServer start(SignalingConfig config, RestRouter router, WebSocketEndpoint webSockets)
            throws IOException {
        SslContext ssl = config.tls() ? sslContext(config) : null;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("signal-accept"), io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("signal-loop"), io);
        try {
            Channel listener = new ServerBootstrap().group(boss, workers).channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new SignalingServerInitializer(config, ssl, router, webSockets))
                    .bind(config.bindAddress(), config.port()).sync().channel();
            SignalingServer server = new SignalingServer(boss, workers, listener, ssl != null);
            log.info("[http] listening on {}://{}:{} ({})", ssl != null ? "https" : "http",
                    server.localAddress().getHostString(), server.localAddress().getPort(), epoll ? "epoll" : "nio");
            return server;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(boss, workers);
            throw new IOException("interrupted while binding", e);
        } catch (RuntimeException e) {
            shutdown(boss, workers);
            throw new IOException("cannot bind " + config.bindAddress() + ":" + config.port(), e);
        }
    }

    /** The server TLS context: JDK provider, HTTP/2-safe ciphers (RFC 9113 section 9.2), ALPN h2 then http/1.1. */
    static SslContext sslContext(SignalingConfig config) throws SSLException {
        return SslContextBuilder.forServer(config.certificateChain().toFile(), config.privateKey().toFile())
                .sslProvider(SslProvider.JDK)
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                .build();
    }

    /** The bound address (the real port when the config asked for 0). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    public boolean tls() {
        return tls;
    }

    /** Stops accepting, closes every connection and waits for the event loops to end. */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        shutdown(boss, workers);
    }

    private static void shutdown(EventLoopGroup boss, EventLoopGroup workers) {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
