package io.hivemind.relay.hub.voice;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hivemind.relay.media.time.ManualClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any packets into "Hears" ({@link RoomAudioInput#onRtp}, then a tick): never an exception, never a buffer kept,
 * always one chunk per tick. An input is a stream of {@code [length][packet bytes]} records, each delivered and
 * followed by a 20 ms tick; the first byte's low bit patches every packet's SSRC to the subscribed one so that
 * arbitrary payloads reach the jitter buffer and libopus. Regression mode replays
 * src/test/resources/io/hivemind/relay/hub/voice/RoomAudioInputFuzzTestInputs/fuzz/; to fuzz:
 * {@code JAZZER_FUZZ=1 mvn -o -pl hub-bridge test -Dtest=RoomAudioInputFuzzTest#fuzz}.
 */
class RoomAudioInputFuzzTest {
    private static final int SSRC = 0x0A0B_0C0D;

    @FuzzTest
    void fuzz(byte[] data) {
        if (data.length == 0) {
            return;
        }
        ManualClock clock = new ManualClock();
        int[] chunks = new int[1];
        RoomAudioInput input = new RoomAudioInput("agent-fuzz", VoiceAudioConfig.DEFAULT, clock,
                (pcm, capture) -> chunks[0]++);
        try {
            input.onSubscribed(SSRC, "alice");
            boolean patchSsrc = (data[0] & 1) != 0;
            int ticks = 0;
            int i = 1;
            while (i < data.length) {
                int length = Math.min(data[i] & 0xFF, data.length - i - 1);
                byte[] packet = Arrays.copyOfRange(data, i + 1, i + 1 + length);
                i += 1 + length;
                if (patchSsrc && packet.length >= 12) {
                    packet[8] = (byte) (SSRC >>> 24);
                    packet[9] = (byte) (SSRC >>> 16);
                    packet[10] = (byte) (SSRC >>> 8);
                    packet[11] = (byte) SSRC;
                }
                ByteBuf buf = Unpooled.wrappedBuffer(packet);
                input.onRtp(buf);
                assertThat(buf.refCnt()).isOne();
                clock.advanceMillis(20);
                input.tick();
                ticks++;
            }
            assertThat(chunks[0]).isEqualTo(ticks);
            assertThat(input.packetsReceived()).isEqualTo(ticks);
        } finally {
            input.close();
        }
    }

    /** A real Opus stream, then truncations and fixed-seed bit flips of it. */
    @Test
    void generatedSeedsAndTheirMutations() {
        byte[] seed = opusStream(12);
        fuzz(seed);
        Random random = new Random(6716);
        for (int cut = 1; cut < seed.length; cut += 7) {
            fuzz(Arrays.copyOf(seed, cut));
        }
        for (int flip = 0; flip < 200; flip++) {
            byte[] mutated = seed.clone();
            int bit = 8 + random.nextInt((seed.length - 1) * 8);
            mutated[bit / 8] ^= (byte) (1 << (bit % 8));
            fuzz(mutated);
        }
    }

    /** {@code frames} packets of a tone as the record stream {@link #fuzz} reads, SSRC patching on. */
    static byte[] opusStream(int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        try (OpusToneSender sender = new OpusToneSender(SSRC, 440)) {
            for (int f = 0; f < frames; f++) {
                ByteBuf packet = sender.next();
                try {
                    byte[] bytes = new byte[Math.min(255, packet.readableBytes())];
                    packet.readBytes(bytes);
                    out.write(bytes.length);
                    out.writeBytes(bytes);
                } finally {
                    packet.release();
                }
            }
        }
        return out.toByteArray();
    }
}
