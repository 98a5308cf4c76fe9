package io.hivemind.relay.media.jitter;

/**
 * A histogram of relative packet delays with exponential forgetting, answering "which delay covers {@code q} of the
 * packets" (the NetEQ delay-manager idea). Each new sample scales the old mass by the forget factor and adds the
 * remainder to its bucket, so the mass always sums to one. Until {@code 1 / (1 - forgetFactor)} samples have been
 * seen the factor ramps up from 1/2 (equal weight to every sample so far), so the seed value, which stands in for
 * "no knowledge yet", is outvoted quickly. The seed goes into the bucket whose upper edge is the seed value.
 */
final class DelayHistogram {
    private final double[] mass;
    private final double bucketMs;
    private final double forgetFactor;
    private long samples;

    DelayHistogram(int buckets, double bucketMs, double forgetFactor, double seedMs) {
        if (buckets < 2 || !(bucketMs > 0) || !(forgetFactor > 0 && forgetFactor < 1)) {
            throw new IllegalArgumentException("bad histogram " + buckets + " x " + bucketMs + " ms, " + forgetFactor);
        }
        this.mass = new double[buckets];
        this.bucketMs = bucketMs;
        this.forgetFactor = forgetFactor;
        mass[bucketOf(seedMs - bucketMs / 2)] = 1;
        samples = 1;
    }

    void add(double delayMs) {
        double forget = Math.min(forgetFactor, samples / (samples + 1.0));
        for (int i = 0; i < mass.length; i++) {
            mass[i] *= forget;
        }
        mass[bucketOf(delayMs)] += 1 - forget;
        samples++;
    }

    /** The upper edge, in ms, of the bucket where the cumulative mass first reaches {@code q}. */
    double quantileMs(double q) {
        double cumulative = 0;
        for (int i = 0; i < mass.length; i++) {
            cumulative += mass[i];
            if (cumulative >= q) {
                return (i + 1) * bucketMs;
            }
        }
        return mass.length * bucketMs;
    }

    private int bucketOf(double delayMs) {
        if (!(delayMs > 0)) {
            return 0;
        }
        return (int) Math.min(mass.length - 1, delayMs / bucketMs);
    }
}
