/**
 * Adaptive jitter buffer for Opus (or any frame-based audio) RTP streams.
 *
 * <p>{@link io.hivemind.relay.media.jitter.JitterBuffer} takes packets as they arrive ({@code insert}) and answers
 * the playout clock once per frame ({@code poll}) with a {@link io.hivemind.relay.media.jitter.PlayoutDecision} in a
 * reused {@link io.hivemind.relay.media.jitter.Playout}. It never decodes; a voice worker applies each decision:
 * <pre>
 *   PLAY, ACCELERATE  decoder.decode(payload)                      // ACCELERATE: skippedSamples were dropped
 *   FEC               decoder.decodeFec(payload, samples)          // the frame before payload's packet
 *   CONCEAL, STRETCH  decoder.conceal(samples)                     // PLC
 *   SILENCE           silence (or decoder PLC for comfort noise)   // DTX pause, long gap
 *   NOT_STARTED       silence
 * </pre>
 * The target delay follows measured jitter ({@link io.hivemind.relay.media.jitter.JitterBufferConfig} bounds it), and
 * {@link io.hivemind.relay.media.jitter.JitterBufferStats} reports what the buffer did.
 */
package io.hivemind.relay.media.jitter;
