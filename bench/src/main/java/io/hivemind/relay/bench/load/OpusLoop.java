package io.hivemind.relay.bench.load;

import io.hivemind.relay.bench.SpeechSignal;
import io.hivemind.relay.media.opus.OpusEncoderConfig;
import io.hivemind.relay.media.opus.OpusEncoderSession;
import java.util.Arrays;
import java.util.List;

/**
 * A few seconds of speech-like audio encoded once with libopus (20 ms, mono, 32 kbit/s VOIP) and replayed in a loop
 * by every publisher: real Opus packets at no encoding cost per send.
 */
public final class OpusLoop {

    /** Samples per channel in one 20 ms frame at 48 kHz: the RTP timestamp step. */
    public static final int FRAME_SAMPLES = 960;
    private final List<byte[]> frames;

    private OpusLoop(List<byte[]> frames) {
        this.frames = frames;
    }

    /** Encodes {@code frameCount} frames of {@link SpeechSignal}. */
    public static OpusLoop encode(int frameCount) {
        if (frameCount < 1) {
            throw new IllegalArgumentException("at least one frame: " + frameCount);
        }
        short[] pcm = SpeechSignal.generate(frameCount * FRAME_SAMPLES);
        byte[] out = new byte[1500];
        byte[][] frames = new byte[frameCount][];
        try (OpusEncoderSession encoder = new OpusEncoderSession(OpusEncoderConfig.voice(1))) {
            for (int i = 0; i < frameCount; i++) {
                frames[i] = Arrays.copyOf(out, encoder.encode(pcm, i * FRAME_SAMPLES, out, 0));
            }
        }
        return new OpusLoop(List.of(frames));
    }

    /** Frame {@code index} modulo the loop length (a code 0 packet: TOC then frame). */
    public byte[] frame(long index) {
        return frames.get((int) Math.floorMod(index, (long) frames.size()));
    }

    public int size() {
        return frames.size();
    }

    /** The largest frame, for buffer sizing. */
    public int maxFrameLength() {
        return frames.stream().mapToInt(frame -> frame.length).max().orElseThrow();
    }
}
