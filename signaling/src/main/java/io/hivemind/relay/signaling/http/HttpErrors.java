package io.hivemind.relay.signaling.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP responses: {@code {"error":{"code":"...","message":"..."}}} with the
 * status of the {@link ErrorCode}. Anything that is not a {@link SignalingException} is an internal error: it is
 * logged here (class name only at warn, the stack at debug) and the client gets a fixed message, so neither
 * internals nor secrets leak.
 */
public final class HttpErrors {

    private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INTERNAL_MESSAGE = "internal error";

    private record Detail(String code, String message) {
    }

    private record Body(Detail error) {
    }

    private HttpErrors() {
    }

    /** The client-facing error for any throwable, unwrapping future wrappers first. */
    public static SignalingException classify(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof SignalingException known) {
            return known;
        }
        log.warn("[http] internal error: {}", cause.getClass().getName());
        log.debug("[http] internal error detail", cause);
        return new SignalingException(ErrorCode.INTERNAL, INTERNAL_MESSAGE);
    }

    /** The JSON body of an error response: {@code {"error":{"code":"...","message":"..."}}}. */
    public static byte[] body(SignalingException error) {
        try {
            return JSON.writeValueAsBytes(new Body(new Detail(error.code().wireName(), messageOf(error))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("two strings always serialize", e);
        }
    }

    /** A complete HTTP/1.1 error response for {@code failure}. */
    public static FullHttpResponse response(Throwable failure) {
        SignalingException error = classify(failure);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, error.code().status(),
                Unpooled.wrappedBuffer(body(error)));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        if (error.code().status().code() == 401) {
            // RFC 6750 section 3: a 401 names the scheme the client should use.
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            response.headers().set(HttpHeaderNames.ALLOW, notAllowed.allow());
        }
        if (error instanceof RateLimitedException limited) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, limited.retryAfterSeconds());
        }
        return response;
    }

    static String messageOf(SignalingException error) {
        return error.getMessage() == null ? error.code().wireName() : error.getMessage();
    }
}
