package io.hivemind.relay.media.rtp;

/**
 * The client-to-mixer audio level header extension (RFC 6464), URI {@value #URI}: one byte of data after the
 * RFC 8285 element header.
 *
 * <pre>
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |V|    level    |   V: the sender's voice activity flag; level: 0..127, the level in -dBov
 * +-+-+-+-+-+-+-+-+   (0 is 0 dBov, the loudest; 127 is -127 dBov, also sent for digital silence)
 * </pre>
 *
 * The encoded byte travels as an {@code int} 0..255 so the per-packet path allocates nothing.
 */
public final class AudioLevelExtension {
    /** The extension's URI in SDP {@code a=extmap} (RFC 6464 §4). */
    public static final String URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    /** The quietest level, -127 dBov. */
    public static final int MAX_LEVEL = 127;
    /** Data bytes of the element. */
    public static final int VALUE_LENGTH = 1;

    private static final int VOICE_ACTIVITY_BIT = 0x80;
    private static final int LEVEL_MASK = 0x7F;

    private AudioLevelExtension() {
    }

    /** The byte for a level of {@code -level} dBov with the voice activity flag. */
    public static int encode(boolean voiceActivity, int level) {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("audio level " + level + " is not 0..127 (-dBov)");
        }
        return (voiceActivity ? VOICE_ACTIVITY_BIT : 0) | level;
    }

    /** The voice activity flag of an encoded byte. */
    public static boolean voiceActivity(int encoded) {
        return (encoded & VOICE_ACTIVITY_BIT) != 0;
    }

    /** The level of an encoded byte, 0..127 in -dBov. */
    public static int level(int encoded) {
        return encoded & LEVEL_MASK;
    }

    /**
     * Reads the audio level element with this ID from the block {@code extensions} walks.
     *
     * @return the encoded byte 0..255, or -1 if the element is absent or its value is not exactly one byte
     */
    public static int read(HeaderExtensions extensions, int id) {
        if (!extensions.find(id) || extensions.valueLength() != VALUE_LENGTH) {
            return -1;
        }
        return extensions.buffer().getUnsignedByte(extensions.valueOffset());
    }

    /**
     * Rewrites in place the audio level element with this ID.
     *
     * @return false if the element is absent or its value is not exactly one byte
     */
    public static boolean write(HeaderExtensions extensions, int id, boolean voiceActivity, int level) {
        int encoded = encode(voiceActivity, level);
        if (!extensions.find(id) || extensions.valueLength() != VALUE_LENGTH) {
            return false;
        }
        extensions.buffer().setByte(extensions.valueOffset(), encoded);
        return true;
    }
}
