package io.hivemind.relay.hub.voice;

/**
 * Where the room's mixed audio goes: in a voice worker, {@code input_audio_buffer.append} of the Realtime client.
 * Called on the worker's voice thread, once per chunk; must not block for long (hand the chunk to the client's own
 * loop).
 */
@FunctionalInterface
public interface PcmSink {

    /**
     * One chunk of the mix-minus heard by the worker.
     *
     * @param pcm24kLe     mono PCM16 little-endian at 24 kHz, {@code chunkMillis} long; a fresh array the sink owns
     * @param captureNanos the worker clock's time when the chunk's first frame was taken out of the jitter buffers
     */
    void onPcm(byte[] pcm24kLe, long captureNanos);
}
