package io.hivemind.relay.media.opus;

/**
 * Settings of an {@link OpusEncoderSession} at 48 kHz. Every field maps to an {@code opus_encoder_ctl} request
 * (RFC 6716 §2.1; libopus {@code opus_defines.h}).
 *
 * @param channels           1 (mono) or 2 (stereo)
 * @param frameMillis        10, 20, 40 or 60; the 2.5 and 5 ms CELT-only durations are not offered
 * @param application        VOIP or AUDIO
 * @param bitrate            bits per second, 6000..510000 ({@code OPUS_SET_BITRATE})
 * @param complexity         0..10 ({@code OPUS_SET_COMPLEXITY})
 * @param inbandFec          SILK low-bitrate redundancy of the previous frame ({@code OPUS_SET_INBAND_FEC})
 * @param dtx                discontinuous transmission in silence ({@code OPUS_SET_DTX})
 * @param packetLossPercent  expected loss 0..100, steers FEC strength ({@code OPUS_SET_PACKET_LOSS_PERC})
 */
public record OpusEncoderConfig(int channels, int frameMillis, OpusApplication application, int bitrate,
                                int complexity, boolean inbandFec, boolean dtx, int packetLossPercent) {

    public static final int SAMPLE_RATE = 48_000;
    public static final int MIN_BITRATE = 6_000;
    public static final int MAX_BITRATE = 510_000;

    public OpusEncoderConfig {
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 or 2, got " + channels);
        }
        if (frameMillis != 10 && frameMillis != 20 && frameMillis != 40 && frameMillis != 60) {
            throw new IllegalArgumentException("frame duration must be 10, 20, 40 or 60 ms, got " + frameMillis
                + " (2.5 and 5 ms CELT-only frames are not supported)");
        }
        if (application == null) {
            throw new IllegalArgumentException("application is required");
        }
        if (bitrate < MIN_BITRATE || bitrate > MAX_BITRATE) {
            throw new IllegalArgumentException("bitrate must be " + MIN_BITRATE + ".." + MAX_BITRATE + ", got "
                + bitrate);
        }
        if (complexity < 0 || complexity > 10) {
            throw new IllegalArgumentException("complexity must be 0..10, got " + complexity);
        }
        if (packetLossPercent < 0 || packetLossPercent > 100) {
            throw new IllegalArgumentException("packet loss must be 0..100 %, got " + packetLossPercent);
        }
    }

    /** Voice defaults: 20 ms VOIP at 32 kbit/s, complexity 10, FEC and DTX off, 0 % loss. */
    public static OpusEncoderConfig voice(int channels) {
        return new OpusEncoderConfig(channels, 20, OpusApplication.VOIP, 32_000, 10, false, false, 0);
    }

    /** Samples per channel in one frame. */
    public int frameSamples() {
        return SAMPLE_RATE / 1000 * frameMillis;
    }

    public OpusEncoderConfig withFrameMillis(int millis) {
        return new OpusEncoderConfig(channels, millis, application, bitrate, complexity, inbandFec, dtx,
            packetLossPercent);
    }

    public OpusEncoderConfig withApplication(OpusApplication app) {
        return new OpusEncoderConfig(channels, frameMillis, app, bitrate, complexity, inbandFec, dtx,
            packetLossPercent);
    }

    public OpusEncoderConfig withBitrate(int bitsPerSecond) {
        return new OpusEncoderConfig(channels, frameMillis, application, bitsPerSecond, complexity, inbandFec, dtx,
            packetLossPercent);
    }

    public OpusEncoderConfig withComplexity(int value) {
        return new OpusEncoderConfig(channels, frameMillis, application, bitrate, value, inbandFec, dtx,
            packetLossPercent);
    }

    public OpusEncoderConfig withInbandFec(boolean on, int expectedLossPercent) {
        return new OpusEncoderConfig(channels, frameMillis, application, bitrate, complexity, on, dtx,
            expectedLossPercent);
    }

    public OpusEncoderConfig withDtx(boolean on) {
        return new OpusEncoderConfig(channels, frameMillis, application, bitrate, complexity, inbandFec, on,
            packetLossPercent);
    }
}
