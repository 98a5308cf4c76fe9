package io.hivemind.relay.media.audio;

import java.util.List;
import java.util.stream.Stream;

/** The conversions the relay needs (room 48 kHz to and from Realtime, wideband, narrowband) plus a CD-rate one. */
record RatePair(int in, int out) {

    static final List<RatePair> ALL = List.of(
            new RatePair(48_000, 24_000), new RatePair(24_000, 48_000),
            new RatePair(48_000, 16_000), new RatePair(16_000, 48_000),
            new RatePair(48_000, 8_000), new RatePair(8_000, 48_000),
            new RatePair(44_100, 48_000), new RatePair(48_000, 44_100));

    static Stream<RatePair> all() {
        return ALL.stream();
    }

    static Stream<RatePair> downsampling() {
        return ALL.stream().filter(RatePair::down);
    }

    static Stream<RatePair> upsampling() {
        return ALL.stream().filter(r -> !r.down());
    }

    Resampler create() {
        return new Resampler(in, out);
    }

    boolean down() {
        return out < in;
    }

    int lower() {
        return Math.min(in, out);
    }

    @Override
    public String toString() {
        return in + " -> " + out + " Hz";
    }
}
