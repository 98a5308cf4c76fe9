package io.hivemind.relay.hub.realtime.fake;

import io.hivemind.relay.media.audio.AudioLevel;

/**
 * Voice activity by energy, standing in for the model's server VAD: 20 ms frames of 24 kHz PCM16 louder than
 * -40 dBov are speech; a turn starts at the first loud frame and ends after {@code silenceMillis} of quiet frames.
 * Positions are milliseconds of all audio appended to the session, as the protocol reports them.
 */
final class EnergyVad {

    /** What one frame did to the turn. */
    enum Transition { NONE, STARTED, STOPPED }

    static final int FRAME_SAMPLES = 480;
    private static final int FRAME_MILLIS = 20;
    /** RFC 6464 level (-dBov) at or below which a frame counts as speech. */
    private static final int SPEECH_LEVEL = 40;

    private final short[] frame = new short[FRAME_SAMPLES];
    private int filled;
    private int pendingByte = -1;
    private long framesSeen;
    private boolean speaking;
    private int quietMillis;
    private long startMillis;
    private long endMillis;
    private int silenceMillis = 500;
    private int prefixPaddingMillis = 300;

    void configure(int silenceMillis, int prefixPaddingMillis) {
        this.silenceMillis = silenceMillis;
        this.prefixPaddingMillis = prefixPaddingMillis;
    }

    /** Feeds little-endian PCM16 bytes; {@code listener} hears each transition in order. */
    void feed(byte[] pcm, TransitionListener listener) {
        for (byte b : pcm) {
            if (pendingByte < 0) {
                pendingByte = b & 0xFF;
                continue;
            }
            frame[filled++] = (short) (pendingByte | b << 8);
            pendingByte = -1;
            if (filled == FRAME_SAMPLES) {
                filled = 0;
                Transition transition = frame();
                if (transition != Transition.NONE) {
                    listener.transition(transition);
                }
            }
        }
    }

    private Transition frame() {
        long frameStart = framesSeen++ * FRAME_MILLIS;
        boolean loud = AudioLevel.of(frame, 0, FRAME_SAMPLES) <= SPEECH_LEVEL;
        if (loud) {
            quietMillis = 0;
            endMillis = frameStart + FRAME_MILLIS;
            if (!speaking) {
                speaking = true;
                startMillis = Math.max(0, frameStart - prefixPaddingMillis);
                return Transition.STARTED;
            }
        } else if (speaking) {
            quietMillis += FRAME_MILLIS;
            if (quietMillis >= silenceMillis) {
                speaking = false;
                return Transition.STOPPED;
            }
        }
        return Transition.NONE;
    }

    long startMillis() {
        return startMillis;
    }

    long endMillis() {
        return endMillis;
    }

    @FunctionalInterface
    interface TransitionListener {
        void transition(Transition transition);
    }
}
