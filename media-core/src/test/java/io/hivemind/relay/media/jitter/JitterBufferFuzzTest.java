package io.hivemind.relay.media.jitter;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds arbitrary event scripts ({@link EventScript}: packets with any sequence number, timestamp, duration and
 * length, polls at any time step) to a jitter buffer and checks its invariants. Regression mode replays
 * {@code JitterBufferFuzzTestInputs/fuzz/}; to fuzz: {@code JAZZER_FUZZ=1 mvn -o -pl media-core test
 * -Dtest=JitterBufferFuzzTest}.
 */
class JitterBufferFuzzTest {
    private static final long MS = 1_000_000L;
    /** Scratch payload source, large enough for any 16-bit length; only this single-threaded test writes it. */
    private static final byte[] PAYLOAD = new byte[65536];

    @FuzzTest(maxDuration = "30s")
    void fuzz(byte[] script) {
        JitterBuffer buffer = new JitterBuffer(JitterBufferConfig.opus());
        JitterBufferConfig config = buffer.config();
        Playout out = new Playout();
        byte[] payload = PAYLOAD;
        long now = 0;
        long inserts = 0;
        for (int at = 0; at + EventScript.EVENT_BYTES <= script.length; at += EventScript.EVENT_BYTES) {
            now += (script[at + EventScript.ADVANCE] & 0xFF) * MS;
            if ((script[at] & 1) == 0) {
                int seq = u16(script, at + EventScript.SEQUENCE);
                long ts = u16(script, at + EventScript.TIMESTAMP) * 65536L
                        + u16(script, at + EventScript.TIMESTAMP + 2);
                int duration = (short) u16(script, at + EventScript.DURATION);
                int length = u16(script, at + EventScript.LENGTH);
                if (length > 0) {
                    payload[0] = (byte) seq;
                }
                InsertResult result = buffer.insert(seq, ts, duration, payload, 0, length, now);
                inserts++;
                check((result == InsertResult.OVERSIZE) == (length > config.maxPayloadBytes()), "oversize", result);
            } else {
                buffer.poll(now, out);
                checkPlayout(out, config);
            }
            JitterBufferStats stats = buffer.stats();
            check(stats.received() == inserts, "received", stats);
            check(stats.bufferedPackets() >= 0 && stats.bufferedPackets() <= config.capacity(), "buffered", stats);
            check(stats.targetDelayMs() >= config.minDelayMs() && stats.targetDelayMs() <= config.maxDelayMs(),
                    "target", stats);
            long accounted = stats.played() + stats.duplicate() + stats.late() + stats.oversize() + stats.overflow()
                    + stats.discarded() + stats.bufferedPackets();
            check(accounted == inserts || accounted == inserts - 1, "every packet accounted for but a held one",
                    stats);
        }
    }

    private static void checkPlayout(Playout out, JitterBufferConfig config) {
        PlayoutDecision decision = out.decision();
        boolean carriesPayload = decision == PlayoutDecision.PLAY || decision == PlayoutDecision.FEC
                || decision == PlayoutDecision.ACCELERATE;
        check(out.sequenceNumber() >= 0 == carriesPayload, "sequence number iff payload", out);
        check(out.payloadLength() >= 0 && out.payloadLength() <= (carriesPayload ? config.maxPayloadBytes() : 0),
                "payload length", out);
        check(out.payloadLength() == 0 || out.payload()[0] == (byte) out.sequenceNumber(),
                "payload belongs to the announced packet", out);
        check(out.samples() > 0 && out.samples() <= config.clockRate(), "samples", out);
        check(out.skippedSamples() >= 0, "skipped", out);
        check(out.timestamp() >= -1 && out.timestamp() <= 0xFFFF_FFFFL, "timestamp", out);
    }

    /** Plain checks: the fuzz loop runs millions of times, AssertJ's fluent objects would dominate it. */
    private static void check(boolean invariant, String what, Object state) {
        if (!invariant) {
            throw new AssertionError(what + ": " + state);
        }
    }

    private static int u16(byte[] data, int at) {
        return (data[at] & 0xFF) << 8 | data[at + 1] & 0xFF;
    }

    /** Seeds the tests generate: valid scripts, every truncation, fixed-seed bit flips, fields forced to 0 / max. */
    @Test
    void generatedScriptsAndTheirMutationsKeepTheInvariants() {
        byte[][] seeds = {
            EventScript.stream(100, 1000, 50, 0).toByteArray(),
            EventScript.stream(65_500, 0xFFFF_F000L, 50, 7).toByteArray(),
            restartScript(),
        };
        Random random = new Random(42);
        for (byte[] seed : seeds) {
            fuzz(seed);
            // A partial trailing event is ignored, so a cut inside an event equals the cut at its start: every
            // length within the first four events, then every event boundary.
            int perByte = 4 * EventScript.EVENT_BYTES;
            for (int length = 0; length < seed.length; length += length < perByte ? 1 : EventScript.EVENT_BYTES) {
                fuzz(Arrays.copyOf(seed, length));
            }
            for (int round = 0; round < 20; round++) {
                byte[] flipped = seed.clone();
                for (int flips = 0; flips < 8; flips++) {
                    int bit = random.nextInt(flipped.length * 8);
                    flipped[bit / 8] ^= (byte) (1 << bit % 8);
                }
                fuzz(flipped);
            }
            for (int field : new int[] {EventScript.DURATION, EventScript.LENGTH, EventScript.ADVANCE}) {
                fuzz(withField(seed, field, (byte) 0));
                fuzz(withField(seed, field, (byte) 0xFF));
            }
        }
    }

    private static byte[] restartScript() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(EventScript.stream(10, 0, 25, 0).toByteArray());
        bytes.writeBytes(EventScript.stream(40_000, 3_000_000_000L, 25, 0).toByteArray());
        return bytes.toByteArray();
    }

    private static byte[] withField(byte[] script, int field, byte value) {
        byte[] copy = script.clone();
        for (int at = 0; at + EventScript.EVENT_BYTES <= copy.length; at += EventScript.EVENT_BYTES) {
            copy[at + field] = value;
            if (field != EventScript.ADVANCE) {
                copy[at + field + 1] = value;
            }
        }
        return copy;
    }
}
