package io.hivemind.relay.signaling.ws;

import io.hivemind.relay.signaling.auth.TokenService;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code /ws} endpoint of the native JSON protocol (RFC 6455 over HTTP/1.1). The access token travels in the
 * first message ({@code join}), not in the URL, so it stays out of access logs and proxies, and a refused token
 * reaches the browser as an error message with a code (a failed handshake would only show as close 1006).
 * Messages above the size limit close the socket with 1009; the server pings every {@code pingInterval}.
 */
public final class WebSocketEndpoint {

    public static final String PATH = "/ws";

    private final TokenService tokens;
    private final SignalingSessionHandler sessions;
    private final int maxMessageBytes;
    private final Duration pingInterval;

    public WebSocketEndpoint(TokenService tokens, SignalingSessionHandler sessions, int maxMessageBytes,
            Duration pingInterval) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.maxMessageBytes = maxMessageBytes;
        this.pingInterval = Objects.requireNonNull(pingInterval, "pingInterval");
    }

    /** Adds the WebSocket handlers to an HTTP/1.1 pipeline (after the aggregator) before {@code beforeName}. */
    public void addTo(ChannelPipeline pipeline, String beforeName) {
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(PATH)
                .checkStartsWith(true)
                .maxFramePayloadLength(maxMessageBytes)
                .dropPongFrames(true)
                .handshakeTimeoutMillis(10_000)
                .build();
        pipeline.addBefore(beforeName, "ws-protocol", new WebSocketServerProtocolHandler(config));
        pipeline.addBefore(beforeName, "ws-aggregator", new WebSocketFrameAggregator(maxMessageBytes));
        pipeline.addBefore(beforeName, "ws-session",
                new WebSocketSessionHandler(tokens, sessions, pingInterval));
    }
}
