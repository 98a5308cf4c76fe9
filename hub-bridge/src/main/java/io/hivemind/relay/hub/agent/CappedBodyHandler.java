package io.hivemind.relay.hub.agent;

import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body into bytes, up to a limit: a larger declared or received body cancels the exchange and fails
 * with {@link AgentErrorCode#OUTPUT_TOO_LARGE}, so a runaway hub cannot fill the relay's memory.
 */
final class CappedBodyHandler implements HttpResponse.BodyHandler<byte[]> {

    private final int limit;

    CappedBodyHandler(int limit) {
        this.limit = limit;
    }

    @Override
    public BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
        return new Subscriber(limit, declared > limit);
    }

    private static final class Subscriber implements BodySubscriber<byte[]> {

        private final int limit;
        private final boolean declaredTooLarge;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private byte[] bytes = new byte[256];
        private int length;

        Subscriber(int limit, boolean declaredTooLarge) {
            this.limit = limit;
            this.declaredTooLarge = declaredTooLarge;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (declaredTooLarge) {
                tooLarge();
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (buffer.remaining() > limit - length) {
                    tooLarge();
                    return;
                }
                int count = buffer.remaining();
                if (length + count > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(bytes.length * 2, length + count)));
                }
                buffer.get(bytes, length, count);
                length += count;
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(Arrays.copyOf(bytes, length));
        }

        private void tooLarge() {
            subscription.cancel();
            body.completeExceptionally(new AgentRuntimeException(AgentErrorCode.OUTPUT_TOO_LARGE,
                    "the hub's response is larger than " + limit + " bytes"));
        }
    }
}
