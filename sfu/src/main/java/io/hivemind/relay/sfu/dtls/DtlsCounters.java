package io.hivemind.relay.sfu.dtls;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * DTLS counters shared by every endpoint of a server (read by the metrics endpoint). Endpoints update them from the
 * handshake executor and the event loops, so each is a {@link LongAdder}.
 */
public final class DtlsCounters {

    private final LongAdder handshakesStarted = new LongAdder();
    private final LongAdder handshakesCompleted = new LongAdder();
    private final Map<DtlsFailureReason, LongAdder> failures = new EnumMap<>(DtlsFailureReason.class);
    private final Map<DtlsDropReason, LongAdder> drops = new EnumMap<>(DtlsDropReason.class);

    public DtlsCounters() {
        for (DtlsFailureReason reason : DtlsFailureReason.values()) {
            failures.put(reason, new LongAdder());
        }
        for (DtlsDropReason reason : DtlsDropReason.values()) {
            drops.put(reason, new LongAdder());
        }
    }

    void handshakeStarted() {
        handshakesStarted.increment();
    }

    void handshakeCompleted() {
        handshakesCompleted.increment();
    }

    void failed(DtlsFailureReason reason) {
        failures.get(reason).increment();
    }

    void dropped(DtlsDropReason reason) {
        drops.get(reason).increment();
    }

    public long handshakesStarted() {
        return handshakesStarted.sum();
    }

    public long handshakesCompleted() {
        return handshakesCompleted.sum();
    }

    public long failures(DtlsFailureReason reason) {
        return failures.get(reason).sum();
    }

    public long drops(DtlsDropReason reason) {
        return drops.get(reason).sum();
    }
}
