package io.hivemind.relay.signaling.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.TimeUnit;

/**
 * {@link HttpObjectAggregator} whose over-limit answer is the JSON 413 of {@link HttpErrors} (RFC 9110 section
 * 15.5.14). The connection closes afterwards, lingering (RFC 9112 section 9.6): the answer goes out and our side is
 * shut for writing, the rest of the body is read and dropped (the aggregator discards an oversized message's
 * content), and the socket closes when the client does or after {@link #LINGER_MILLIS}. Closing at once would reset
 * a client still sending the body before it reads the 413.
 */
final class BoundedBodyAggregator extends HttpObjectAggregator {

    /** How long to keep draining an oversized body after the 413. */
    static final long LINGER_MILLIS = 2_000;

    BoundedBodyAggregator(int maxBodyBytes) {
        super(maxBodyBytes);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        // MessageAggregator releases oversized after this returns.
        if (oversized instanceof HttpRequest) {
            FullHttpResponse response = HttpErrors.response(new SignalingException(
                    ErrorCode.PAYLOAD_TOO_LARGE, "request body exceeds " + maxContentLength() + " bytes"));
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(written -> {
                if (ctx.channel() instanceof DuplexChannel duplex && written.isSuccess()) {
                    duplex.shutdownOutput();
                    ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
                } else {
                    ctx.close();
                }
            });
        } else {
            ctx.close();
        }
    }
}
