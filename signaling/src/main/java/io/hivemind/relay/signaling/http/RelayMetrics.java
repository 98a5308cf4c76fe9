package io.hivemind.relay.signaling.http;

import io.hivemind.relay.sfu.transport.ForwardingDelayHistogram;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The relay's Prometheus meters, all polled from {@link RelayStats} at scrape time:
 * <pre>
 * relay_rooms, relay_participants                              gauges
 * relay_packets_in_total, relay_packets_out_total              counters
 * relay_bytes_in_total, relay_bytes_out_total                  counters
 * relay_drops_total{reason="..."}                              counter per drop reason
 * relay_ice_failures_total, relay_dtls_failures_total          counters
 * relay_forwarding_delay_seconds_bucket/_sum/_count            histogram (quantiles via histogram_quantile)
 * </pre>
 */
public final class RelayMetrics {

    static final String DELAY_NAME = "relay_forwarding_delay_seconds";

    private final PrometheusMeterRegistry registry;

    private RelayMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** A fresh registry with the relay meters bound to {@code stats}. */
    public static RelayMetrics bind(RelayStats stats) {
        Objects.requireNonNull(stats, "stats");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        gauge(registry, "relay.rooms", "Open rooms", stats, RelayStats::rooms);
        gauge(registry, "relay.participants", "Joined participants", stats, RelayStats::participants);
        counter(registry, "relay.packets.in", "RTP/RTCP datagrams received", stats, RelayStats::packetsIn);
        counter(registry, "relay.packets.out", "RTP/RTCP datagrams sent", stats, RelayStats::packetsOut);
        counter(registry, "relay.bytes.in", "UDP payload bytes of RTP/RTCP received", stats, RelayStats::bytesIn);
        counter(registry, "relay.bytes.out", "UDP payload bytes of RTP/RTCP sent", stats, RelayStats::bytesOut);
        counter(registry, "relay.ice.failures", "ICE failures (consent expiry, no connectivity)", stats,
                RelayStats::iceFailures);
        counter(registry, "relay.dtls.failures", "DTLS failures (handshake, fingerprint)", stats,
                RelayStats::dtlsFailures);
        for (String reason : stats.dropsByReason().keySet()) {
            FunctionCounter.builder("relay.drops", stats, s -> s.dropsByReason().getOrDefault(reason, 0L))
                    .description("Packets dropped, by reason").tag("reason", reason).register(registry);
        }
        registry.getPrometheusRegistry().register(delayCollector(stats));
        return new RelayMetrics(registry);
    }

    /** The registry to scrape (served by {@code /metrics}). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private static void gauge(PrometheusMeterRegistry registry, String name, String help, RelayStats stats,
            ToDoubleFunction<RelayStats> value) {
        Gauge.builder(name, stats, value).description(help).register(registry);
    }

    private static void counter(PrometheusMeterRegistry registry, String name, String help, RelayStats stats,
            ToDoubleFunction<RelayStats> value) {
        FunctionCounter.builder(name, stats, value).description(help).register(registry);
    }

    /** Micrometer has no polled histogram, so the bucket counts go straight to the Prometheus model. */
    private static MultiCollector delayCollector(RelayStats stats) {
        double[] bounds = ForwardingDelayHistogram.upperBoundsSeconds();
        return () -> {
            long[] counts = new long[bounds.length];
            long sumMicros = stats.addForwardingDelayTo(counts);
            HistogramSnapshot histogram = HistogramSnapshot.builder().name(DELAY_NAME)
                    .help("Delay from receiving a packet to sending its copies")
                    .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                            .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts))
                            .sum(sumMicros / 1e6).build())
                    .build();
            return MetricSnapshots.of(histogram);
        };
    }
}
