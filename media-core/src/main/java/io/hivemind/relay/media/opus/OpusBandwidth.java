package io.hivemind.relay.media.opus;

/** Audio bandwidth of an Opus frame (RFC 6716 §2, Table 1). */
public enum OpusBandwidth {
    NARROWBAND(4_000, 8_000),
    MEDIUMBAND(6_000, 12_000),
    WIDEBAND(8_000, 16_000),
    SUPERWIDEBAND(12_000, 24_000),
    FULLBAND(20_000, 48_000);

    private final int audioHz;
    private final int effectiveSampleRate;

    OpusBandwidth(int audioHz, int effectiveSampleRate) {
        this.audioHz = audioHz;
        this.effectiveSampleRate = effectiveSampleRate;
    }

    /** Upper edge of the coded audio band. */
    public int audioHz() {
        return audioHz;
    }

    /** Effective sample rate for that band (fullband is coded at 48 kHz, RFC 6716 Table 1). */
    public int effectiveSampleRate() {
        return effectiveSampleRate;
    }
}
