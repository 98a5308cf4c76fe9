package io.hivemind.relay.signaling.rest;

import java.util.concurrent.CompletionStage;

/**
 * One route's logic. Runs on the connection's event loop, so it must not block: work owned by another thread
 * (a room's event loop) is entered asynchronously and answered through the returned stage. Failures are thrown
 * or completed exceptionally as {@link io.hivemind.relay.signaling.http.SignalingException}s.
 */
@FunctionalInterface
public interface RestHandler {

    CompletionStage<RestResponse> handle(RestRequest request);
}
