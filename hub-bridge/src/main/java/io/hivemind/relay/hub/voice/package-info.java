/**
 * The room audio side of a voice worker: it hears the room ({@link io.hivemind.relay.hub.voice.RoomAudioInput}:
 * consumer RTP → jitter buffers → Opus decode → mix-minus → 24 kHz PCM chunks) and speaks into it
 * ({@link io.hivemind.relay.hub.voice.RoomAudioOutput}: 24 kHz PCM → Opus 20 ms → RTP paced one packet per 20 ms
 * tick, with barge-in). {@link io.hivemind.relay.hub.voice.VoiceParticipant} joins a room in process as
 * {@code agent-<id>} and drives both from one {@code voice-…} thread.
 *
 * <h2>Threads</h2>
 * The room's event loop only copies each received packet's header fields and payload into a preallocated
 * single-producer ring ({@code PacketHandoff}) and forwards subscription events; everything heavy (jitter buffer
 * polls, Opus decode and encode, mixing, resampling) runs in the worker's 20 ms tick on its own thread, so a room
 * loop shared by many rooms never spends a worker's ~0.1–0.2 ms per frame of codec work between two forwarded
 * packets. Audio deltas and barge-in arrive from the Realtime client's thread through a small lock around the
 * playback queue.
 */
package io.hivemind.relay.hub.voice;
