package io.hivemind.relay.signaling.ws;

import io.hivemind.relay.signaling.auth.AccessGrant;
import io.hivemind.relay.signaling.auth.TokenService;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.HttpErrors;
import io.hivemind.relay.signaling.http.SignalingException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signaling WebSocket: decodes text frames, authenticates {@code join}, answers {@code ping}, hands the rest to
 * the {@link SignalingSession} and reports failures as {@code error} messages. Bad messages cost an error reply,
 * not the socket; a refused join closes it with 1008 (policy violation).
 */
final class WebSocketSessionHandler extends SimpleChannelInboundHandler<WebSocketFrame> implements SignalingPeer {

    private static final Logger log = LoggerFactory.getLogger(WebSocketSessionHandler.class);

    private final TokenService tokens;
    private final SignalingSessionHandler sessions;
    private final Duration pingInterval;
    private Channel channel;
    private SignalingSession session;
    private ScheduledFuture<?> pinger;

    WebSocketSessionHandler(TokenService tokens, SignalingSessionHandler sessions, Duration pingInterval) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.pingInterval = pingInterval;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            long millis = pingInterval.toMillis();
            pinger = ctx.executor().scheduleAtFixedRate(() -> ctx.writeAndFlush(new PingWebSocketFrame()),
                    millis, millis, TimeUnit.MILLISECONDS);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame text)) {
            sendError(new SignalingException(ErrorCode.BAD_REQUEST, "only text frames are accepted"));
            return;
        }
        try {
            dispatch(SignalingCodec.decode(text.text()));
        } catch (RuntimeException e) {
            sendError(HttpErrors.classify(e));
        }
    }

    private void dispatch(ClientMessage message) {
        if (message instanceof ClientMessage.Ping) {
            send(new ServerMessage.Pong());
        } else if (message instanceof ClientMessage.Join join) {
            if (session != null) {
                throw new SignalingException(ErrorCode.ALREADY_JOINED, "already joined");
            }
            join(join);
        } else if (session == null) {
            throw new SignalingException(ErrorCode.NOT_JOINED, "join first");
        } else {
            session.onMessage(message);
            if (message instanceof ClientMessage.Leave) {
                leave("client left");
            }
        }
    }

    private void join(ClientMessage.Join join) {
        try {
            AccessGrant grant = tokens.verify(join.token());
            grant.requireJoin(grant.video().room());
            session = sessions.join(grant, this);
            log.debug("[ws {}] {} joined {}", label(), grant.identity(), grant.video().room());
        } catch (RuntimeException e) {
            SignalingException refused = HttpErrors.classify(e);
            log.debug("[ws {}] join refused: {}", label(), refused.code().wireName());
            sendError(refused);
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void sendError(SignalingException error) {
        send(new ServerMessage.Error(error.code().wireName(), error.getMessage()));
    }

    @Override
    public void send(ServerMessage message) {
        channel.writeAndFlush(new TextWebSocketFrame(SignalingCodec.encode(message)));
    }

    @Override
    public void leave(String reason) {
        send(new ServerMessage.Left(reason));
        channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public String label() {
        return String.valueOf(channel.remoteAddress());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (pinger != null) {
            pinger.cancel(false);
        }
        SignalingSession closing = session;
        session = null;
        if (closing != null) {
            closing.onClose();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException && ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        log.debug("[ws {}] closing after {}", label(), cause.getClass().getSimpleName());
        ctx.close();
    }
}
