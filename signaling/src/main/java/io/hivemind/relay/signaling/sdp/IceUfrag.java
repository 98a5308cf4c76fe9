package io.hivemind.relay.signaling.sdp;

/** {@code a=ice-ufrag} (RFC 8839 §5.4): 4 to 256 ice-chars. */
public record IceUfrag(String ufrag) implements SdpAttribute {

    public IceUfrag {
        SdpGrammar.requireIceChars(ufrag, 4, 256, "ice-ufrag");
    }

    @Override
    public String key() {
        return "ice-ufrag";
    }

    @Override
    public String value() {
        return ufrag;
    }
}
