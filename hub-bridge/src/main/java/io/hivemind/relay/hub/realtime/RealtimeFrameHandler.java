package io.hivemind.relay.hub.realtime;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * The last handler of one Realtime connection: hands the handshake outcome, whole text messages, the close frame
 * and the end of the channel to its {@link RealtimeClient}. Frames are released by the base class.
 */
final class RealtimeFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private final RealtimeClient client;
    private boolean open;

    RealtimeFrameHandler(RealtimeClient client) {
        this.client = client;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            open = true;
            client.handshakeComplete(ctx.channel());
        } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            client.transportFailed(ctx.channel(), "WebSocket handshake timed out");
            ctx.close();
        } else if (open && event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (idle.isFirst()) {
                // Quiet is normal between turns; a ping makes a live server answer.
                ctx.writeAndFlush(new PingWebSocketFrame());
                client.pingSent(ctx.channel());
            } else {
                // Not even a pong: the path is gone (a half-open TCP connection would otherwise linger).
                client.transportFailed(ctx.channel(), "nothing received, not even a pong");
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            client.messageReceived(ctx.channel(), text.text());
        } else if (frame instanceof CloseWebSocketFrame close) {
            client.closeFrameReceived(ctx.channel(), close.statusCode(), close.reasonText());
            ctx.close();
        } else {
            client.nonTextFrameReceived(ctx.channel());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        client.channelClosed(ctx.channel());
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof WebSocketClientHandshakeException rejected && rejected.response() != null) {
            client.handshakeRejected(ctx.channel(), rejected.response().status().code());
        } else {
            // Exception messages from the transport carry addresses and TLS details, never request headers.
            client.transportFailed(ctx.channel(), cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        ctx.close();
    }
}
