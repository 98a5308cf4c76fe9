package io.hivemind.relay.media.audio;

import java.util.Objects;

/**
 * The audio level of a frame as RFC 6464 §3 (client-to-mixer) and RFC 6465 §3 (mixer-to-client) carry it: the RMS
 * level in {@code -dBov}, an integer 0..127 where 0 is the overload point and 127 is -127 dBov.
 *
 * <p>dBov is relative to "the highest-intensity signal encodable by the payload format"; RFC 6464's example for
 * G.711 mu-law is a square wave at the codec's peak value. For PCM16 that reference is the full-scale square wave,
 * whose mean square is {@code 32768^2} (the same normalisation libwebrtc's {@code RmsLevel} uses, so both agree to the
 * dB). Consequences: a full-scale square wave reads 0, a full-scale sine 3 (its RMS is 1/sqrt 2 of its peak), and a
 * tone whose RMS is 1/10 of full scale reads 20.
 *
 * <p>RFC 6464 says digital silence (a muted source) MUST read 127. So that 127 means only that, a frame that has any
 * non-zero sample but is quieter than -126.5 dBov reads 126 (libwebrtc does the same), and an empty frame is silence.
 * Values are rounded to the nearest dB, halves upwards in magnitude.
 */
public final class AudioLevel {

    /** The level of digital silence (RFC 6464 §3): every sample zero. */
    public static final int DIGITAL_SILENCE = 127;
    /** The quietest level reported for a frame that is not digital silence. */
    public static final int QUIETEST_SOUND = 126;
    /** The loudest level: 0 dBov, a full-scale square wave. */
    public static final int OVERLOAD = 0;

    /** Mean square of the 0 dBov reference: a square wave at the PCM16 peak magnitude 32768. */
    private static final double OVERLOAD_MEAN_SQUARE = 32768.0 * 32768.0;

    private AudioLevel() {
    }

    /**
     * The level in {@code -dBov} (0..127) of {@code length} PCM16 samples from {@code samples[offset]}.
     *
     * @throws IndexOutOfBoundsException if the range is outside the array
     */
    public static int of(short[] samples, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, samples.length);
        long sumOfSquares = 0;
        for (int i = offset; i < offset + length; i++) {
            int s = samples[i];
            sumOfSquares += s * s;
        }
        if (sumOfSquares == 0) {
            return DIGITAL_SILENCE;
        }
        double meanSquare = (double) sumOfSquares / length;
        double minusDbov = -10 * Math.log10(meanSquare / OVERLOAD_MEAN_SQUARE);
        return (int) Math.max(OVERLOAD, Math.min(QUIETEST_SOUND, Math.floor(minusDbov + 0.5)));
    }
}
