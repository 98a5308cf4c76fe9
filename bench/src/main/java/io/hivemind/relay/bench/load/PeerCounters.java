package io.hivemind.relay.bench.load;

import java.util.concurrent.atomic.LongAdder;

/**
 * Packet counts summed over every load client, written from all client event loops and read by the progress line
 * and the report. Cumulative: a window subtracts two {@link #snapshot()}s.
 */
final class PeerCounters {

    private final LongAdder sent = new LongAdder();
    private final LongAdder sendFailed = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder receiveFailed = new LongAdder();

    void sent() {
        sent.increment();
    }

    void sendFailed() {
        sendFailed.increment();
    }

    void received() {
        received.increment();
    }

    /** An RTP datagram that arrived before the keys, did not authenticate or did not parse. */
    void receiveFailed() {
        receiveFailed.increment();
    }

    Counts snapshot() {
        return new Counts(sent.sum(), sendFailed.sum(), received.sum(), receiveFailed.sum());
    }

    /** Cumulative counts at one moment. */
    record Counts(long sent, long sendFailed, long received, long receiveFailed) {

        Counts minus(Counts earlier) {
            return new Counts(sent - earlier.sent, sendFailed - earlier.sendFailed, received - earlier.received,
                    receiveFailed - earlier.receiveFailed);
        }
    }
}
