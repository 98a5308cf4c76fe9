package io.hivemind.relay.bench.load;

import io.hivemind.relay.media.rtp.ReceptionStatistics;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What one load client measured of the streams it receives since the current window began: one-way transit of each
 * stamped packet (microseconds, HdrHistogram), RFC 3550 reception statistics per SSRC (loss from A.3, interarrival
 * jitter from A.8). Confined to the client's event loop; {@link #snapshot()} copies what a report needs.
 */
final class ReceiveStats {

    /** Transit above this (60 s) is recorded as this: a stuck packet must not throw on the loop. */
    static final long MAX_TRANSIT_MICROS = 60_000_000L;
    private static final int OPUS_CLOCK_RATE = 48_000;

    private final Histogram transitMicros = newHistogram();
    private final List<Stream> streams = new ArrayList<>();
    /** SSRC → stream by open addressing (a boxed map key would allocate per packet); capacity a power of two. */
    private int[] slotSsrcs = new int[16];
    private Stream[] slotStreams = new Stream[16];
    private long unstamped;

    /** The per-SSRC state and the counts at the start of the window. */
    private static final class Stream {
        final ReceptionStatistics statistics = new ReceptionStatistics(OPUS_CLOCK_RATE);
        long expectedAtStart;
        long receivedAtStart;
    }

    static Histogram newHistogram() {
        return new Histogram(MAX_TRANSIT_MICROS, 3);
    }

    /**
     * Accounts for one decrypted RTP packet that arrived at {@code arrivalNanos}.
     *
     * @param sendNanos the stamped send time, or {@link Long#MIN_VALUE} when the packet carried none
     */
    void onPacket(int ssrc, int sequenceNumber, int rtpTimestamp, long sendNanos, long arrivalNanos) {
        Stream stream = stream(ssrc);
        stream.statistics.onPacket(sequenceNumber, rtpTimestamp, arrivalNanos);
        if (sendNanos == Long.MIN_VALUE) {
            unstamped++;
            return;
        }
        long micros = Math.max(0, (arrivalNanos - sendNanos) / 1_000);
        transitMicros.recordValue(Math.min(micros, MAX_TRANSIT_MICROS));
    }

    private Stream stream(int ssrc) {
        int mask = slotStreams.length - 1;
        int slot = Integer.hashCode(ssrc * 0x9E3779B9) & mask;
        while (slotStreams[slot] != null) {
            if (slotSsrcs[slot] == ssrc) {
                return slotStreams[slot];
            }
            slot = (slot + 1) & mask;
        }
        Stream stream = new Stream();
        streams.add(stream);
        slotSsrcs[slot] = ssrc;
        slotStreams[slot] = stream;
        if (streams.size() * 2 > slotStreams.length) {
            rehash();
        }
        return stream;
    }

    private void rehash() {
        int[] ssrcs = slotSsrcs;
        Stream[] old = slotStreams;
        slotSsrcs = new int[old.length * 2];
        slotStreams = new Stream[old.length * 2];
        int mask = slotStreams.length - 1;
        for (int i = 0; i < old.length; i++) {
            if (old[i] != null) {
                int slot = Integer.hashCode(ssrcs[i] * 0x9E3779B9) & mask;
                while (slotStreams[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                slotSsrcs[slot] = ssrcs[i];
                slotStreams[slot] = old[i];
            }
        }
    }

    /** Starts a new window: the histogram empties and loss counts from here. */
    void startWindow() {
        transitMicros.reset();
        unstamped = 0;
        for (Stream stream : streams) {
            stream.expectedAtStart = stream.statistics.expected();
            stream.receivedAtStart = stream.statistics.received();
        }
    }

    /** A copy of the window so far. */
    Snapshot snapshot() {
        long expected = 0;
        long received = 0;
        List<Double> jitterMillis = new ArrayList<>(streams.size());
        for (Stream stream : streams) {
            if (!stream.statistics.isValid()) {
                continue;
            }
            expected += stream.statistics.expected() - stream.expectedAtStart;
            received += stream.statistics.received() - stream.receivedAtStart;
            jitterMillis.add(stream.statistics.jitter() * 1000.0 / OPUS_CLOCK_RATE);
        }
        return new Snapshot(transitMicros.copy(), expected, received, unstamped, jitterMillis);
    }

    /**
     * One client's window.
     *
     * @param expected     packets the streams' sequence numbers say were sent in the window (RFC 3550 A.3)
     * @param received     packets that arrived in the window
     * @param jitterMillis the current RFC 3550 interarrival jitter of each valid stream, in milliseconds
     */
    record Snapshot(Histogram transitMicros, long expected, long received, long unstamped,
                    List<Double> jitterMillis) {
    }
}
