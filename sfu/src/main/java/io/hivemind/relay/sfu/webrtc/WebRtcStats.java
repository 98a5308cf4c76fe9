package io.hivemind.relay.sfu.webrtc;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * The WebRTC counters of every transport of a server for metrics, one {@link WebRtcCounters} per media loop so the
 * packet path stays plain and single-writer: each transport counts its drops and ICE consent expiries into its own
 * counters and its loop's, and {@link #collect()} reads each loop's totals on that loop. The totals outlive the
 * transports, so they only grow (as Prometheus counters must).
 */
public final class WebRtcStats {

    /** Drops by reason and ICE failures summed over the loops. */
    public record Totals(Map<WebRtcDropReason, Long> drops, long iceFailures) {

        public Totals {
            drops = Map.copyOf(drops);
        }
    }

    private final Map<EventLoop, WebRtcCounters> byLoop = new ConcurrentHashMap<>();

    /** The totals of {@code loop}, created on first use; written on that loop only. */
    WebRtcCounters loopTotals(EventLoop loop) {
        return byLoop.computeIfAbsent(loop, l -> new WebRtcCounters(null));
    }

    /** Reads every loop's totals on its loop and sums them; fails if a loop has shut down. */
    public CompletableFuture<Totals> collect() {
        List<CompletableFuture<Totals>> perLoop = new ArrayList<>();
        byLoop.forEach((loop, counters) -> perLoop.add(read(loop, counters)));
        return CompletableFuture.allOf(perLoop.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<WebRtcDropReason, Long> drops = new EnumMap<>(WebRtcDropReason.class);
            for (WebRtcDropReason reason : WebRtcDropReason.values()) {
                drops.put(reason, 0L);
            }
            long iceFailures = 0;
            for (CompletableFuture<Totals> loop : perLoop) {
                Totals totals = loop.join();
                totals.drops().forEach((reason, count) -> drops.merge(reason, count, Long::sum));
                iceFailures += totals.iceFailures();
            }
            return new Totals(drops, iceFailures);
        });
    }

    private static CompletableFuture<Totals> read(EventLoop loop, WebRtcCounters counters) {
        CompletableFuture<Totals> result = new CompletableFuture<>();
        try {
            loop.execute(() -> result.complete(new Totals(counters.dropSnapshot(), counters.consentExpiries())));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }
}
