package io.hivemind.relay.hub.voice;

import io.hivemind.relay.media.jitter.JitterBuffer;
import io.hivemind.relay.media.jitter.JitterBufferConfig;
import io.hivemind.relay.media.jitter.Playout;
import io.hivemind.relay.media.opus.OpusDecoderSession;
import io.hivemind.relay.media.opus.OpusException;

import java.util.Arrays;

/**
 * One speaker the worker hears (one consumer SSRC): its jitter buffer, its Opus decoder and the 48 kHz PCM decoded
 * but not yet mixed. {@link #render} applies the jitter buffer's decisions until a whole 20 ms frame is ready, so a
 * 40 or 60 ms packet feeds two or three ticks and the buffer is polled once per frame of rendered audio, as it
 * expects. Voice thread only.
 */
final class InboundSource implements AutoCloseable {
    /** Renders per tick before giving up (a 2.5 ms packet stream would need eight). */
    private static final int MAX_POLLS_PER_FRAME = 8;
    /** Room for a frame still to mix plus the longest Opus packet (120 ms). */
    private static final int PCM_CAPACITY = RoomAudio.FRAME_48K + 5760;

    private final int ssrc;
    private final String identity;
    private final int mixerId;
    private final JitterBuffer jitter;
    private final Playout playout = new Playout();
    private final OpusDecoderSession decoder = new OpusDecoderSession(1);
    private final short[] pcm = new short[PCM_CAPACITY];
    private int buffered;
    private long decodeErrors;

    InboundSource(int ssrc, String identity, int mixerId, JitterBufferConfig config) {
        this.ssrc = ssrc;
        this.identity = identity;
        this.mixerId = mixerId;
        this.jitter = new JitterBuffer(config);
    }

    int ssrc() {
        return ssrc;
    }

    String identity() {
        return identity;
    }

    int mixerId() {
        return mixerId;
    }

    void insert(int sequenceNumber, int timestamp, byte[] payload, int length, long arrivalNanos) {
        jitter.insert(sequenceNumber, timestamp & 0xFFFF_FFFFL, 0, payload, 0, length, arrivalNanos);
    }

    /**
     * Renders until a frame is ready or the buffer has nothing to say yet.
     *
     * @return whether {@link #frame()} holds a whole 20 ms frame to mix
     */
    boolean render(long nowNanos) {
        for (int polls = 0; buffered < RoomAudio.FRAME_48K && polls < MAX_POLLS_PER_FRAME; polls++) {
            jitter.poll(nowNanos, playout);
            switch (playout.decision()) {
                case NOT_STARTED -> {
                    return false;
                }
                case SILENCE -> append(playout.samples());
                case PLAY, ACCELERATE -> decode(false);
                case FEC -> decode(true);
                case CONCEAL, STRETCH -> conceal(playout.samples());
            }
        }
        return buffered >= RoomAudio.FRAME_48K;
    }

    /** The PCM of the frame to mix: the first {@value RoomAudio#FRAME_48K} samples. */
    short[] frame() {
        return pcm;
    }

    /** Drops the frame just mixed, keeping what a longer packet decoded beyond it. */
    void consumeFrame() {
        int rest = buffered - RoomAudio.FRAME_48K;
        System.arraycopy(pcm, RoomAudio.FRAME_48K, pcm, 0, rest);
        buffered = rest;
    }

    private void decode(boolean fec) {
        try {
            int samples = fec
                    ? decoder.recoverFec(playout.payload(), 0, playout.payloadLength(), playout.samples(), pcm,
                            buffered)
                    : decoder.decode(playout.payload(), 0, playout.payloadLength(), pcm, buffered);
            buffered += samples;
        } catch (OpusException | IllegalArgumentException e) {
            // A corrupt or oversized packet from the sender: the frame is lost, not the call.
            decodeErrors++;
            conceal(RoomAudio.FRAME_48K);
        }
    }

    private void conceal(int samples) {
        int wanted = Math.min(samples, PCM_CAPACITY - buffered);
        try {
            buffered += decoder.conceal(wanted - wanted % 120, pcm, buffered);
        } catch (OpusException | IllegalArgumentException e) {
            decodeErrors++;
            append(samples);
        }
    }

    private void append(int samples) {
        int n = Math.min(samples, PCM_CAPACITY - buffered);
        Arrays.fill(pcm, buffered, buffered + n, (short) 0);
        buffered += n;
    }

    long decodeErrors() {
        return decodeErrors;
    }

    @Override
    public void close() {
        decoder.close();
    }
}
