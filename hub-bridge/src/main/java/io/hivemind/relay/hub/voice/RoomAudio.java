package io.hivemind.relay.hub.voice;

/** The frame geometry the room side and the Realtime side agree on: 20 ms, 48 kHz in the room, 24 kHz outside. */
final class RoomAudio {
    static final int FRAME_MILLIS = 20;
    static final long FRAME_NANOS = 20_000_000L;
    static final int ROOM_RATE = 48_000;
    static final int REALTIME_RATE = 24_000;
    /** Samples in one 20 ms frame at 48 kHz: one Opus frame, one RTP timestamp step. */
    static final int FRAME_48K = 960;
    /** Samples in one 20 ms frame at 24 kHz. */
    static final int FRAME_24K = 480;

    private RoomAudio() {
    }
}
