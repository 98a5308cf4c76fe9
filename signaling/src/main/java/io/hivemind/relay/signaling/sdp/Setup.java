package io.hivemind.relay.signaling.sdp;

import java.util.Locale;

/** {@code a=setup} (RFC 4145 §4, RFC 5763 §5): which side opens the DTLS connection. */
public enum Setup implements SdpAttribute {
    ACTIVE,
    PASSIVE,
    ACTPASS,
    HOLDCONN;

    static Setup parse(String value) {
        for (Setup setup : values()) {
            if (setup.value().equals(value)) {
                return setup;
            }
        }
        throw new IllegalArgumentException("setup must be active, passive, actpass or holdconn");
    }

    @Override
    public String key() {
        return "setup";
    }

    @Override
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
