package io.hivemind.relay.signaling.sdp;

import java.util.Locale;

/** Media direction attribute (RFC 8866 §6.7, RFC 3264 §6.1), seen from the side that wrote it. */
public enum Direction implements SdpAttribute {
    SENDRECV(true, true),
    SENDONLY(true, false),
    RECVONLY(false, true),
    INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    Direction(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    /** Whether the writer of this attribute sends media. */
    public boolean sends() {
        return sends;
    }

    /** Whether the writer of this attribute receives media. */
    public boolean receives() {
        return receives;
    }

    /** The direction with the given send and receive flags. */
    public static Direction of(boolean sends, boolean receives) {
        return sends ? (receives ? SENDRECV : SENDONLY) : (receives ? RECVONLY : INACTIVE);
    }

    /** The direction named by an attribute key, or {@code null}. */
    static Direction byKey(String key) {
        for (Direction direction : values()) {
            if (direction.key().equals(key)) {
                return direction;
            }
        }
        return null;
    }

    @Override
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String value() {
        return null;
    }
}
