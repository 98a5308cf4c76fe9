package io.hivemind.relay.signaling.sdp;

/** {@code a=ice-pwd} (RFC 8839 §5.4): 22 to 256 ice-chars. A secret: redacted in {@link #toString()}. */
public record IcePwd(String password) implements SdpAttribute {

    public IcePwd {
        SdpGrammar.requireIceChars(password, 22, 256, "ice-pwd");
    }

    @Override
    public String key() {
        return "ice-pwd";
    }

    @Override
    public String value() {
        return password;
    }

    @Override
    public String toString() {
        return "IcePwd[redacted]";
    }
}
