package io.hivemind.relay.signaling.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of every connection and stream pipeline: closes on the idle event of the connection's
 * {@link io.netty.handler.timeout.IdleStateHandler} and on any exception nothing else handled, so a bad peer
 * costs its own connection only and nothing reaches Netty's tail warning.
 */
@ChannelHandler.Sharable
final class ConnectionGuard extends ChannelInboundHandlerAdapter {

    static final ConnectionGuard INSTANCE = new ConnectionGuard();
    static final String NAME = "guard";

    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

    private ConnectionGuard() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            log.debug("[http] {} idle, closing", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[http] {} closed after {}", ctx.channel().remoteAddress(), cause.getClass().getSimpleName());
        ctx.close();
    }
}
