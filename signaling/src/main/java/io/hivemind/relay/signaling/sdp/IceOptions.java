package io.hivemind.relay.signaling.sdp;

import java.util.List;

/** {@code a=ice-options} (RFC 8839 §5.6), e.g. {@code trickle}. */
public record IceOptions(List<String> options) implements SdpAttribute {

    public IceOptions {
        options = List.copyOf(options);
        if (options.isEmpty()) {
            throw new IllegalArgumentException("ice-options is empty");
        }
        options.forEach(option -> SdpGrammar.requireIceChars(option, 1, 256, "ice option"));
    }

    static IceOptions parse(String value) {
        return new IceOptions(SdpGrammar.words(value));
    }

    @Override
    public String key() {
        return "ice-options";
    }

    @Override
    public String value() {
        return String.join(" ", options);
    }
}
