package io.hivemind.relay.media.jitter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A seeded synthetic packet trace: a 20 ms Opus stream from a sender whose clock may drift, through a network with
 * configurable loss (random or bursts), per-packet jitter, an optional delay spike, neighbour swaps, duplicates and
 * a stream restart. Everything derives from the seed, so a trace is the same on every run.
 */
record NetworkTrace(List<Arrival> arrivals, int sent, int lost, int bursts, int duplicates, long endNanos) {

    static final int FRAME = 960;
    static final long FRAME_NANOS = 20_000_000L;
    static final long BASE_DELAY_NANOS = 31_000_000L;

    /** One packet as it reaches the receiver. */
    record Arrival(int sequenceNumber, long timestamp, long arrivalNanos, long sendIndex) {
    }

    /** Trace parameters; {@code with*} methods derive variants from {@link #clean}. */
    record Spec(long seed, int packets, double lossRate, double burstRate, int burstMin, int burstMax,
                double jitterMs, double reorderRate, double duplicateRate, double driftPpm, int firstSequence,
                long firstTimestamp, long spikeAtPacket, double spikeMs, int spikeDecayPackets, long restartAtPacket) {

        static Spec clean(long seed, int packets) {
            return new Spec(seed, packets, 0, 0, 0, 0, 0, 0, 0, 0, 1000, 50_000, -1, 0, 0, -1);
        }

        Spec withLoss(double rate) {
            return new Spec(seed, packets, rate, burstRate, burstMin, burstMax, jitterMs, reorderRate, duplicateRate,
                    driftPpm, firstSequence, firstTimestamp, spikeAtPacket, spikeMs, spikeDecayPackets,
                    restartAtPacket);
        }

        Spec withBursts(double rate, int min, int max) {
            return new Spec(seed, packets, lossRate, rate, min, max, jitterMs, reorderRate, duplicateRate, driftPpm,
                    firstSequence, firstTimestamp, spikeAtPacket, spikeMs, spikeDecayPackets, restartAtPacket);
        }

        Spec withJitter(double ms) {
            return new Spec(seed, packets, lossRate, burstRate, burstMin, burstMax, ms, reorderRate, duplicateRate,
                    driftPpm, firstSequence, firstTimestamp, spikeAtPacket, spikeMs, spikeDecayPackets,
                    restartAtPacket);
        }

        Spec withReorder(double rate) {
            return new Spec(seed, packets, lossRate, burstRate, burstMin, burstMax, jitterMs, rate, duplicateRate,
                    driftPpm, firstSequence, firstTimestamp, spikeAtPacket, spikeMs, spikeDecayPackets,
                    restartAtPacket);
        }

        Spec withDuplicates(double rate) {
            return new Spec(seed, packets, lossRate, burstRate, burstMin, burstMax, jitterMs, reorderRate, rate,
                    driftPpm, firstSequence, firstTimestamp, spikeAtPacket, spikeMs, spikeDecayPackets,
                    restartAtPacket);
        }

        Spec withDrift(double ppm) {
            return new Spec(seed, packets, lossRate, burstRate, burstMin, burstMax, jitterMs, reorderRate,
                    duplicateRate, ppm, firstSequence, firstTimestamp, spikeAtPacket, spikeMs, spikeDecayPackets,
                    restartAtPacket);
        }

        Spec withStart(int sequence, long timestamp) {
            return new Spec(seed, packets, lossRate, burstRate, burstMin, burstMax, jitterMs, reorderRate,
                    duplicateRate, driftPpm, sequence, timestamp, spikeAtPacket, spikeMs, spikeDecayPackets,
                    restartAtPacket);
        }

        Spec withSpike(long atPacket, double ms, int decayPackets) {
            return new Spec(seed, packets, lossRate, burstRate, burstMin, burstMax, jitterMs, reorderRate,
                    duplicateRate, driftPpm, firstSequence, firstTimestamp, atPacket, ms, decayPackets,
                    restartAtPacket);
        }

        Spec withRestart(long atPacket) {
            return new Spec(seed, packets, lossRate, burstRate, burstMin, burstMax, jitterMs, reorderRate,
                    duplicateRate, driftPpm, firstSequence, firstTimestamp, spikeAtPacket, spikeMs,
                    spikeDecayPackets, atPacket);
        }

        NetworkTrace generate() {
            Random random = new Random(seed);
            List<Arrival> arrivals = new ArrayList<>(packets * 2);
            int lost = 0;
            int bursts = 0;
            int duplicates = 0;
            int burstLeft = 0;
            int sequence = firstSequence;
            long timestamp = firstTimestamp;
            long previousArrival = Long.MIN_VALUE;
            for (long n = 0; n < packets; n++) {
                if (n == restartAtPacket) {
                    sequence = random.nextInt(65536);
                    timestamp = random.nextInt() & 0xFFFF_FFFFL;
                }
                long sendNanos = Math.round(n * FRAME_NANOS / (1 + driftPpm * 1e-6));
                boolean drop;
                if (burstLeft > 0) {
                    burstLeft--;
                    drop = true;
                } else if (burstRate > 0 && n > 50 && random.nextDouble() < burstRate) {
                    burstLeft = burstMin + random.nextInt(burstMax - burstMin + 1) - 1;
                    bursts++;
                    drop = true;
                } else {
                    drop = random.nextDouble() < lossRate;
                }
                double extraMs = jitterMs * random.nextDouble();
                if (spikeAtPacket >= 0 && n >= spikeAtPacket && n < spikeAtPacket + spikeDecayPackets) {
                    extraMs += spikeMs * (1 - (double) (n - spikeAtPacket) / spikeDecayPackets);
                }
                long arrival = sendNanos + BASE_DELAY_NANOS + Math.round(extraMs * 1e6);
                if (!drop) {
                    Arrival packet = new Arrival(sequence & 0xFFFF, timestamp & 0xFFFF_FFFFL, arrival, n);
                    arrivals.add(packet);
                    if (random.nextDouble() < duplicateRate) {
                        arrivals.add(new Arrival(packet.sequenceNumber(), packet.timestamp(), arrival + 3_000_000, n));
                        duplicates++;
                    }
                    previousArrival = arrival;
                } else {
                    lost++;
                }
                sequence++;
                timestamp += FRAME;
            }
            if (reorderRate > 0) {
                swapNeighbours(arrivals, random);
            }
            arrivals.sort(Comparator.comparingLong(Arrival::arrivalNanos));
            long end = previousArrival == Long.MIN_VALUE ? 0 : previousArrival + FRAME_NANOS;
            return new NetworkTrace(List.copyOf(arrivals), packets, lost, bursts, duplicates, end);
        }

        /** Delivers a packet right after its successor: it arrives as late as the next one plus 1 ms. */
        private void swapNeighbours(List<Arrival> arrivals, Random random) {
            for (int i = 0; i + 1 < arrivals.size(); i++) {
                if (random.nextDouble() < reorderRate) {
                    Arrival first = arrivals.get(i);
                    Arrival second = arrivals.get(i + 1);
                    long later = Math.max(first.arrivalNanos(), second.arrivalNanos()) + 1_000_000;
                    arrivals.set(i, new Arrival(first.sequenceNumber(), first.timestamp(), later, first.sendIndex()));
                    i++;
                }
            }
        }
    }
}
