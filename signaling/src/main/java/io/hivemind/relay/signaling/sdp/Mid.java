package io.hivemind.relay.signaling.sdp;

/** {@code a=mid} (RFC 5888 §4): the identification tag of a media section. */
public record Mid(String id) implements SdpAttribute {

    public Mid {
        SdpGrammar.requireToken(id, "mid");
    }

    @Override
    public String key() {
        return "mid";
    }

    @Override
    public String value() {
        return id;
    }
}
