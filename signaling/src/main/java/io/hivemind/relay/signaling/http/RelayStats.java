package io.hivemind.relay.signaling.http;

import io.hivemind.relay.sfu.transport.ForwardingDelayHistogram;
import java.util.Map;

/**
 * What the SFU exposes for metrics, polled at scrape time. The media path keeps plain (single-writer) counters;
 * an implementation sums them when asked. Nothing here is called on the packet path.
 */
public interface RelayStats {

    /** Open rooms now. */
    long rooms();

    /** Joined participants now, across rooms. */
    long participants();

    /** RTP and RTCP datagrams received on the media ports so far (STUN and DTLS are not media). */
    long packetsIn();

    /** RTP and RTCP datagrams sent from the media ports so far. */
    long packetsOut();

    /** UDP payload bytes of {@link #packetsIn()}. */
    long bytesIn();

    /** UDP payload bytes of {@link #packetsOut()}. */
    long bytesOut();

    /** Dropped packets so far by reason name (for example the SFU's drop-reason enum names); stable key set. */
    Map<String, Long> dropsByReason();

    /** ICE failures so far (consent expiry, failed connectivity). */
    long iceFailures();

    /** DTLS failures so far (handshake failure, fingerprint mismatch). */
    long dtlsFailures();

    /**
     * Adds the per-bucket counts of every {@link ForwardingDelayHistogram} the SFU fills (one per media event
     * loop) into {@code bucketCounts} (length {@link ForwardingDelayHistogram#buckets()}) and returns the sum of
     * their recorded delays in microseconds; each implementation calls {@link ForwardingDelayHistogram#addTo}.
     */
    long addForwardingDelayTo(long[] bucketCounts);
}
