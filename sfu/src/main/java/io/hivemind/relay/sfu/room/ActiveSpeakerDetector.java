package io.hivemind.relay.sfu.room;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Active-speaker detection from RFC 6464 client-to-mixer audio levels. Once per interval each producer's mean
 * level (in loudness units, 127 = 0 dBov, 0 = -127 dBov; a muted or silent producer counts as 0) is smoothed with
 * an exponential average. Producers at or above the speech threshold are speaking. The dominant speaker keeps its
 * place until it stops speaking or one challenger has been louder for {@code switchIntervals} consecutive
 * intervals: the hysteresis that keeps the list from flapping between two voices.
 */
final class ActiveSpeakerDetector {
    private static final double SMOOTHING = 0.5;
    private static final double MAX_LOUDNESS = 127.0;

    private final int speechLoudness;
    private final int switchIntervals;
    private Producer dominant;
    private Producer challenger;
    private int challengerIntervals;
    private List<Producer> current = List.of();

    ActiveSpeakerDetector(int speechThresholdDbov, int switchIntervals) {
        this.speechLoudness = 127 - speechThresholdDbov;
        this.switchIntervals = switchIntervals;
    }

    /**
     * Closes the interval for {@code producers} (all of the room's).
     *
     * @return the new speaker list (dominant first) if it changed, else null
     */
    List<Producer> update(List<Producer> producers) {
        Producer loudest = null;
        List<Producer> speaking = new ArrayList<>();
        for (Producer p : producers) {
            double interval = p.muted() || p.levelCount == 0 ? 0 : (double) p.levelSum / p.levelCount;
            p.levelSum = 0;
            p.levelCount = 0;
            p.smoothedLoudness += (interval - p.smoothedLoudness) * SMOOTHING;
            if (p.smoothedLoudness >= speechLoudness) {
                speaking.add(p);
                if (loudest == null || p.smoothedLoudness > loudest.smoothedLoudness) {
                    loudest = p;
                }
            }
        }
        if (dominant == null || !speaking.contains(dominant)) {
            dominant = loudest;
            challenger = null;
            challengerIntervals = 0;
        } else if (loudest != dominant) {
            challengerIntervals = loudest == challenger ? challengerIntervals + 1 : 1;
            challenger = loudest;
            if (challengerIntervals >= switchIntervals) {
                dominant = loudest;
                challenger = null;
                challengerIntervals = 0;
            }
        } else {
            challenger = null;
            challengerIntervals = 0;
        }
        speaking.sort(Comparator.comparing((Producer p) -> p != dominant)
                .thenComparing(p -> -p.smoothedLoudness));
        if (sameSpeakers(speaking)) {
            return null;
        }
        current = List.copyOf(speaking);
        return current;
    }

    /** The same dominant speaker and the same set: order among the others alone is not news. */
    private boolean sameSpeakers(List<Producer> speaking) {
        if (speaking.size() != current.size()) {
            return false;
        }
        if (!speaking.isEmpty() && speaking.get(0) != current.get(0)) {
            return false;
        }
        return current.containsAll(speaking);
    }

    /** Forgets a producer that left. */
    void remove(Producer producer) {
        if (dominant == producer) {
            dominant = null;
        }
        if (challenger == producer) {
            challenger = null;
            challengerIntervals = 0;
        }
    }

    static double level(Producer producer) {
        return producer.smoothedLoudness / MAX_LOUDNESS;
    }
}
