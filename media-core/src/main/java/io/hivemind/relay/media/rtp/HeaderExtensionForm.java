package io.hivemind.relay.media.rtp;

/**
 * The two element encodings of RFC 8285 §4, told apart by the "defined by profile" field of the RFC 3550 §5.3.1
 * extension header.
 *
 * <pre>
 * One-byte form (§4.2), profile 0xBEDE:     Two-byte form (§4.3), profile 0x100 + appbits:
 *  0 1 2 3 4 5 6 7                            0                   1
 * +-+-+-+-+-+-+-+-+                           0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 * |  ID   |  len  |  then len + 1 bytes      +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * +-+-+-+-+-+-+-+-+                          |       ID      |     length    |  then length bytes
 *                                            +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * In both forms a zero byte between or after elements is padding (§4.1). In the one-byte form ID 15, or ID 0 with a
 * non-zero length, ends the block (§4.2, §4.1.2).
 */
public enum HeaderExtensionForm {
    /** §4.2: IDs 1..14, one to sixteen bytes of data. */
    ONE_BYTE(0xBEDE, 14, 1, 16),
    /** §4.3: IDs 1..255, zero to 255 bytes of data. */
    TWO_BYTE(0x1000, 255, 0, 255);

    /** The one-byte form's ID that stops processing of the block (§4.2). */
    static final int ONE_BYTE_STOP_ID = 15;
    /** The two-byte form's profile value keeps its low four bits for "appbits". */
    private static final int TWO_BYTE_PROFILE_MASK = 0xFFF0;

    private final int profile;
    private final int maxId;
    private final int minLength;
    private final int maxLength;

    HeaderExtensionForm(int profile, int maxId, int minLength, int maxLength) {
        this.profile = profile;
        this.maxId = maxId;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** The "defined by profile" value announcing this form (appbits zero for the two-byte form). */
    public int profile() {
        return profile;
    }

    /** The bytes before each element's data: 1 or 2. */
    public int elementHeaderLength() {
        return this == ONE_BYTE ? 1 : 2;
    }

    /** Whether an element with this ID and data length can be written in this form. */
    public boolean fits(int id, int length) {
        return id >= 1 && id <= maxId && length >= minLength && length <= maxLength;
    }

    /** The form a "defined by profile" value announces, or {@code null} for a profile that is not RFC 8285. */
    public static HeaderExtensionForm of(int profile) {
        if (profile == ONE_BYTE.profile) {
            return ONE_BYTE;
        }
        if ((profile & TWO_BYTE_PROFILE_MASK) == TWO_BYTE.profile) {
            return TWO_BYTE;
        }
        return null;
    }
}
