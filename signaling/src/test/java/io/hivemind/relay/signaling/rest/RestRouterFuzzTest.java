package io.hivemind.relay.signaling.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.HttpErrors;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Any request URI routes to a handler or fails with a client error code, never an internal error or a throw.
 * Regression mode replays src/test/resources/io/hivemind/relay/signaling/rest/RestRouterFuzzTestInputs/dispatch/.
 * Fuzzing: {@code JAZZER_FUZZ=1 mvn -o -pl signaling -am test -Dtest=RestRouterFuzzTest#dispatch}.
 */
class RestRouterFuzzTest {

    private final RestRouter router = RestRouter.builder()
            .route(HttpMethod.GET, "/api/rooms/{room}/participants/{identity}", r -> CompletableFuture
                    .completedFuture(RestResponse.ok(Map.of("room", r.param("room"), "id", r.param("identity")))))
            .route(HttpMethod.POST, "/api/rooms", r -> CompletableFuture.completedFuture(RestResponse.noContent()))
            .build();

    @FuzzTest(maxDuration = "30s")
    void dispatch(byte[] data) {
        String uri = new String(data, StandardCharsets.UTF_8);
        DefaultFullHttpRequest request;
        try {
            request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        } catch (IllegalArgumentException notARequestLine) {
            return; // Netty's decoder never produces a request with such a URI (spaces, controls).
        }
        try {
            CompletableFuture<RestResponse> answer = router.dispatch(request).toCompletableFuture();
            assertThat(answer).isDone();
            answer.handle((ok, failure) -> {
                if (failure != null) {
                    assertThat(HttpErrors.classify(failure).code()).isIn(ErrorCode.NOT_FOUND,
                            ErrorCode.METHOD_NOT_ALLOWED, ErrorCode.BAD_REQUEST);
                } else {
                    assertThat(ok.status().code()).isEqualTo(200);
                }
                return null;
            }).join();
        } finally {
            request.release();
        }
    }

    @Test
    void generatedSeedsAndMutations() {
        Random random = new Random(0x524F5554L);
        List<String> seeds = List.of("/api/rooms/blue/participants/bob", "/api/rooms/a%20b/participants/%C3%A9?x=1",
                "/api/rooms", "/api/rooms/%zz/participants/x", "/api/rooms/x/participants/y?%=&&==", "*");
        String alphabet = "/%?&=#aZ09.;~\u00e9\u0000 ";
        int fed = 0;
        for (String seed : seeds) {
            List<String> variants = new ArrayList<>();
            variants.add(seed);
            for (int length = 0; length < seed.length(); length++) {
                variants.add(seed.substring(0, length));
            }
            for (int i = 0; i < 200; i++) {
                StringBuilder mutated = new StringBuilder(seed);
                mutated.setCharAt(random.nextInt(seed.length()), alphabet.charAt(random.nextInt(alphabet.length())));
                variants.add(mutated.toString());
            }
            for (String variant : variants) {
                dispatch(variant.getBytes(StandardCharsets.UTF_8));
                fed++;
            }
        }
        assertThat(fed).isGreaterThan(1000);
    }
}
