package io.hivemind.relay.signaling.http;

import io.hivemind.relay.sfu.transport.ForwardingDelayHistogram;
import java.util.Map;

/** Test-only {@link RelayStats} with plain fields a test sets, the way the SFU keeps plain counters. */
public final class CountingRelayStats implements RelayStats {

    public long rooms = 2;
    public long participants = 5;
    public long packetsIn = 1000;
    public long packetsOut = 4000;
    public long bytesIn = 100_000;
    public long bytesOut = 400_000;
    public long iceFailures = 1;
    public long dtlsFailures = 3;
    public final ForwardingDelayHistogram delay = new ForwardingDelayHistogram();

    @Override
    public long rooms() {
        return rooms;
    }

    @Override
    public long participants() {
        return participants;
    }

    @Override
    public long packetsIn() {
        return packetsIn;
    }

    @Override
    public long packetsOut() {
        return packetsOut;
    }

    @Override
    public long bytesIn() {
        return bytesIn;
    }

    @Override
    public long bytesOut() {
        return bytesOut;
    }

    @Override
    public Map<String, Long> dropsByReason() {
        return Map.of("srtp_auth", 7L, "unknown_ssrc", 2L);
    }

    @Override
    public long iceFailures() {
        return iceFailures;
    }

    @Override
    public long dtlsFailures() {
        return dtlsFailures;
    }

    @Override
    public long addForwardingDelayTo(long[] bucketCounts) {
        return delay.addTo(bucketCounts);
    }
}
