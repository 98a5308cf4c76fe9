package io.hivemind.relay.hub.voice;

import io.hivemind.relay.media.jitter.JitterBufferConfig;
import io.hivemind.relay.media.opus.OpusEncoderConfig;

import java.util.Objects;

/**
 * Audio settings of a voice worker.
 *
 * @param chunkMillis  length of the 24 kHz PCM chunks handed to the {@link PcmSink}, 20..40 ms (the Realtime API
 *                     takes any size; shorter chunks cost more events, longer ones add latency)
 * @param jitter       per-source jitter buffer; 48 kHz, 20 ms frames
 * @param encoder      the worker's own voice: mono, 20 ms frames (one RTP packet per tick)
 * @param handoffSlots packets the room's loop may queue for the voice thread between two ticks, a power of two;
 *                     beyond that packets are dropped and counted
 */
public record VoiceAudioConfig(int chunkMillis, JitterBufferConfig jitter, OpusEncoderConfig encoder,
                               int handoffSlots) {

    /** 20 ms chunks, Opus jitter defaults, 32 kbit/s VOIP with in-band FEC for 5 % loss, 256 handoff slots. */
    public static final VoiceAudioConfig DEFAULT = new VoiceAudioConfig(20, JitterBufferConfig.opus(),
            OpusEncoderConfig.voice(1).withInbandFec(true, 5), 256);

    public VoiceAudioConfig {
        if (chunkMillis < 20 || chunkMillis > 40) {
            throw new IllegalArgumentException("chunkMillis must be 20..40: " + chunkMillis);
        }
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(encoder, "encoder");
        if (jitter.clockRate() != OpusEncoderConfig.SAMPLE_RATE || jitter.frameSamples() != RoomAudio.FRAME_48K) {
            throw new IllegalArgumentException("the jitter buffer must run 20 ms frames at 48 kHz");
        }
        if (encoder.channels() != 1 || encoder.frameMillis() != RoomAudio.FRAME_MILLIS) {
            throw new IllegalArgumentException("the encoder must be mono with 20 ms frames");
        }
        if (handoffSlots < 4 || handoffSlots > 4096 || Integer.bitCount(handoffSlots) != 1) {
            throw new IllegalArgumentException("handoffSlots must be a power of two in 4..4096: " + handoffSlots);
        }
    }

    public VoiceAudioConfig withChunkMillis(int millis) {
        return new VoiceAudioConfig(millis, jitter, encoder, handoffSlots);
    }
}
