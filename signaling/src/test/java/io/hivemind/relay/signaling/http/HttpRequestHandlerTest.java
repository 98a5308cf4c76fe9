package io.hivemind.relay.signaling.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.signaling.rest.RestResponse;
import io.hivemind.relay.signaling.rest.RestRouter;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Routing, the one error shape and the body limit, on an EmbeddedChannel. */
class HttpRequestHandlerTest {

    private static final int LIMIT = 32;
    private static final String SECRET_DETAIL = "password=hunter2";

    record Echo(String text) {
    }

    private static RestRouter router() {
        return RestRouter.builder()
                .route(HttpMethod.GET, "/rooms/{room}", r -> CompletableFuture.completedFuture(
                        RestResponse.ok(Map.of("room", r.param("room")))))
                .route(HttpMethod.DELETE, "/rooms/{room}", r -> CompletableFuture.completedFuture(
                        RestResponse.noContent()))
                .route(HttpMethod.POST, "/echo", r -> CompletableFuture.completedFuture(
                        RestResponse.ok(r.bodyAs(Echo.class))))
                .route(HttpMethod.GET, "/boom", r -> {
                    throw new IllegalStateException(SECRET_DETAIL);
                })
                .route(HttpMethod.GET, "/async-boom", r -> CompletableFuture.failedFuture(
                        new IllegalStateException(SECRET_DETAIL)))
                .route(HttpMethod.GET, "/denied", r -> {
                    throw new SignalingException(ErrorCode.PERMISSION_DENIED, "token does not grant roomList");
                })
                .build();
    }

    static Stream<Arguments> exchanges() {
        return Stream.of(
                Arguments.of("path parameter, percent-decoded", HttpMethod.GET, "/rooms/blue%20room", "", 200,
                        "{\"room\":\"blue room\"}"),
                Arguments.of("204 has no body", HttpMethod.DELETE, "/rooms/blue", "", 204, ""),
                Arguments.of("JSON body echoed", HttpMethod.POST, "/echo", "{\"text\":\"hi\"}", 200,
                        "{\"text\":\"hi\"}"),
                Arguments.of("unknown route", HttpMethod.GET, "/nope", "", 404,
                        "{\"error\":{\"code\":\"not_found\",\"message\":\"no such endpoint\"}}"),
                Arguments.of("empty parameter does not match", HttpMethod.GET, "/rooms/", "", 404, "not_found"),
                Arguments.of("method not allowed", HttpMethod.PUT, "/rooms/blue", "", 405, "method_not_allowed"),
                Arguments.of("bad JSON", HttpMethod.POST, "/echo", "{\"text\":", 400,
                        "{\"error\":{\"code\":\"bad_json\",\"message\":\"request body is not a valid Echo\"}}"),
                Arguments.of("unknown JSON field", HttpMethod.POST, "/echo", "{\"text\":\"a\",\"x\":1}", 400,
                        "bad_json"),
                Arguments.of("typed error maps to status", HttpMethod.GET, "/denied", "", 403, "permission_denied"),
                Arguments.of("thrown internal error hides detail", HttpMethod.GET, "/boom", "", 500,
                        "{\"error\":{\"code\":\"internal\",\"message\":\"internal error\"}}"),
                Arguments.of("failed stage hides detail", HttpMethod.GET, "/async-boom", "", 500,
                        "{\"error\":{\"code\":\"internal\",\"message\":\"internal error\"}}"),
                Arguments.of("body over the limit", HttpMethod.POST, "/echo", "{\"text\":\"" + "x".repeat(40) + "\"}",
                        413, "payload_too_large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exchanges")
    void answers(String name, HttpMethod method, String uri, String body, int status, String expectedBody) {
        EmbeddedChannel channel = new EmbeddedChannel(new BoundedBodyAggregator(LIMIT),
                new HttpRequestHandler(router()));
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        channel.writeInbound(request, new DefaultLastHttpContent(Unpooled.wrappedBuffer(bytes)));
        channel.runPendingTasks();
        FullHttpResponse response = channel.readOutbound();
        try {
            assertThat(response.status().code()).isEqualTo(status);
            String text = response.content().toString(StandardCharsets.UTF_8);
            assertThat(text).doesNotContain(SECRET_DETAIL);
            if (expectedBody.startsWith("{") || expectedBody.isEmpty()) {
                assertThat(text).isEqualTo(expectedBody);
            } else {
                assertThat(text).contains("\"code\":\"" + expectedBody + "\"");
            }
            assertThat(response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(
                    response.content().readableBytes());
            if (status == 405) {
                assertThat(response.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("GET, DELETE");
            }
            if (status == 413) {
                assertThat(channel.isOpen()).isFalse();
            }
        } finally {
            response.release();
        }
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void responsesKeepRequestOrderWhenTheFirstCompletesLast() {
        CompletableFuture<RestResponse> slow = new CompletableFuture<>();
        RestRouter router = RestRouter.builder()
                .route(HttpMethod.GET, "/slow", r -> slow)
                .route(HttpMethod.GET, "/fast", r -> CompletableFuture.completedFuture(RestResponse.ok(Map.of())))
                .build();
        EmbeddedChannel channel = new EmbeddedChannel(new BoundedBodyAggregator(LIMIT), new HttpRequestHandler(router));
        channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/slow"),
                DefaultLastHttpContent.EMPTY_LAST_CONTENT.retainedDuplicate(),
                new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/fast"),
                DefaultLastHttpContent.EMPTY_LAST_CONTENT.retainedDuplicate());
        channel.runPendingTasks();
        Object early = channel.readOutbound();
        assertThat(early).as("nothing before the first response is ready").isNull();
        slow.complete(RestResponse.text("text/plain", "slow"));
        channel.runPendingTasks();
        FullHttpResponse first = channel.readOutbound();
        FullHttpResponse second = channel.readOutbound();
        assertThat(first.content().toString(StandardCharsets.UTF_8)).isEqualTo("slow");
        assertThat(second.content().toString(StandardCharsets.UTF_8)).isEqualTo("{}");
        first.release();
        second.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void malformedRequestIsBadRequestAndClosesConnection() {
        EmbeddedChannel channel = new EmbeddedChannel(new BoundedBodyAggregator(LIMIT),
                new HttpRequestHandler(router()));
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/rooms/blue");
        request.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("bad header")));
        channel.writeInbound(request, new DefaultHttpContent(Unpooled.EMPTY_BUFFER),
                DefaultLastHttpContent.EMPTY_LAST_CONTENT.retainedDuplicate());
        channel.runPendingTasks();
        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).isEqualTo(400);
        assertThat(response.content().toString(StandardCharsets.UTF_8)).contains("bad_request");
        response.release();
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }
}
