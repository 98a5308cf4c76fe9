package io.hivemind.relay.media.stun;

/**
 * The 14-bit STUN message type (RFC 8489 §5): a 12-bit method with the two class bits interleaved.
 *
 * <pre>
 *  0                 1
 *  2  3  4 5 6 7 8 9 0 1 2 3 4 5
 * +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 * |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
 * |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
 * +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class StunMessageType {

    /** The Binding method (RFC 8489 §18.2), the only one ICE uses. */
    public static final int BINDING = 0x001;

    private static final int METHOD_LOW = 0x000F;
    private static final int METHOD_MID = 0x0070;
    private static final int METHOD_HIGH = 0x0F80;

    private StunMessageType() {
    }

    /** Composes the message type field from a 12-bit method and a class. */
    public static int of(int method, StunClass messageClass) {
        if ((method & ~0xFFF) != 0) {
            throw new IllegalArgumentException("STUN method is 12 bits: " + method);
        }
        int c = messageClass.bits();
        return (method & METHOD_LOW) | (method & METHOD_MID) << 1 | (method & METHOD_HIGH) << 2
                | (c & 0b01) << 4 | (c & 0b10) << 7;
    }

    /** The method of a message type field. */
    public static int method(int type) {
        return (type & METHOD_LOW) | (type >> 1 & METHOD_MID) | (type >> 2 & METHOD_HIGH);
    }

    /** The class of a message type field. */
    public static StunClass messageClass(int type) {
        return StunClass.ofBits((type >> 4 & 0b01) | (type >> 7 & 0b10));
    }
}
