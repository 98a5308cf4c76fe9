package io.hivemind.relay.media.opus;

/** The encoder's intended use ({@code OPUS_APPLICATION_*} in libopus). */
public enum OpusApplication {
    /** Speech: favours intelligibility, enables SILK at low rates. */
    VOIP(2048),
    /** General audio and music: favours fidelity. */
    AUDIO(2049);

    private final int code;

    OpusApplication(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
