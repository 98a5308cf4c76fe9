package io.hivemind.relay.signaling.http;

import io.hivemind.relay.signaling.rest.RestResponse;
import io.hivemind.relay.signaling.rest.RestRouter;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Answers aggregated requests through the {@link RestRouter}. One instance per HTTP/1 connection or HTTP/2
 * stream; handlers may answer asynchronously, so responses are chained to go out in request order (HTTP/1.1
 * pipelining, RFC 9112 section 9.3.2). Failures become {@link HttpErrors} responses.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final RestRouter router;
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

    HttpRequestHandler(RestRouter router) {
        this.router = router;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        CompletableFuture<FullHttpResponse> response;
        if (request.decoderResult().isFailure()) {
            response = CompletableFuture.completedFuture(
                    HttpErrors.response(new SignalingException(ErrorCode.BAD_REQUEST, "malformed HTTP request")));
        } else {
            response = router.dispatch(request, remoteAddress(ctx)).handle(HttpRequestHandler::toHttp)
                    .toCompletableFuture();
        }
        previous = previous.thenCombineAsync(response, (ignored, ready) -> ready, ctx.executor())
                .thenAccept(ready -> write(ctx, ready, keepAlive));
    }

    /** The TCP peer; an HTTP/2 stream channel reports its connection's. */
    private static InetSocketAddress remoteAddress(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress inet ? inet : null;
    }

    private static final String PAGE_POLICY = "default-src 'self'; connect-src 'self'; media-src 'self' blob:; "
            + "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static FullHttpResponse toHttp(RestResponse answer, Throwable failure) {
        if (failure != null || answer == null) {
            return HttpErrors.response(failure != null ? failure : new IllegalStateException("null response"));
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer.status(),
                Unpooled.wrappedBuffer(answer.body()));
        if (answer.body().length > 0) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        }
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        // Every answer is live state or a page that may change with the server: never cached; never sniffed.
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        response.headers().set("x-content-type-options", "nosniff");
        if (answer.contentType().startsWith("text/html")) {
            // The call page loads only its own script and style and talks only to its own origin.
            response.headers().set(HttpHeaderNames.CONTENT_SECURITY_POLICY, PAGE_POLICY);
        }
        return response;
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
