package io.hivemind.relay.signaling.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;

/**
 * {@link HttpObjectAggregator} whose over-limit answer is the JSON 413 of {@link HttpErrors} (RFC 9110 section
 * 15.5.14). The connection closes afterwards: the rest of the oversized body would otherwise be read as the next
 * request.
 */
final class BoundedBodyAggregator extends HttpObjectAggregator {

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
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
