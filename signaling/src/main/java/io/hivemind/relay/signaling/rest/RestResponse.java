package io.hivemind.relay.signaling.rest;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a {@link RestHandler} answers: a status, a content type and a body (empty for 204).
 */
public record RestResponse(HttpResponseStatus status, String contentType, byte[] body) {

    public static final String JSON = "application/json";

    public RestResponse {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    /** {@code value} serialized as JSON with {@code status}. */
    public static RestResponse json(HttpResponseStatus status, Object value) {
        return new RestResponse(status, JSON, JsonCodec.write(value));
    }

    /** 200 with {@code value} as JSON. */
    public static RestResponse ok(Object value) {
        return json(HttpResponseStatus.OK, value);
    }

    /** 204 No Content. */
    public static RestResponse noContent() {
        return new RestResponse(HttpResponseStatus.NO_CONTENT, JSON, new byte[0]);
    }

    /** 200 with a text body. */
    public static RestResponse text(String contentType, String text) {
        return new RestResponse(HttpResponseStatus.OK, contentType, text.getBytes(StandardCharsets.UTF_8));
    }
}
