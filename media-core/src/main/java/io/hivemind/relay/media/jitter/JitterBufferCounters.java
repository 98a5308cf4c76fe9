package io.hivemind.relay.media.jitter;

/** The running event counts of a {@link JitterBuffer}; see {@link JitterBufferStats} for what each one means. */
final class JitterBufferCounters {
    long received;
    long played;
    long fecRecovered;
    long concealed;
    long stretched;
    long accelerated;
    long silence;
    long late;
    long duplicate;
    long discarded;
    long overflow;
    long oversize;
    long resyncs;

    JitterBufferStats snapshot(long currentDelayNanos, long targetDelayNanos, int bufferedPackets) {
        return new JitterBufferStats(currentDelayNanos / 1e6, targetDelayNanos / 1e6, bufferedPackets, received,
                played, fecRecovered, concealed, stretched, accelerated, silence, late, duplicate, discarded,
                overflow, oversize, resyncs);
    }
}
