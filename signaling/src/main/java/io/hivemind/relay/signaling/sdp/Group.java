package io.hivemind.relay.signaling.sdp;

import java.util.List;

/** {@code a=group:<semantics> <mid>...} (RFC 5888 §5); BUNDLE is RFC 9143. */
public record Group(String semantics, List<String> mids) implements SdpAttribute {

    public static final String BUNDLE = "BUNDLE";

    public Group {
        SdpGrammar.requireToken(semantics, "group semantics");
        mids = List.copyOf(mids);
        mids.forEach(mid -> SdpGrammar.requireToken(mid, "mid"));
    }

    static Group parse(String value) {
        List<String> words = SdpGrammar.words(value);
        return new Group(words.get(0), words.subList(1, words.size()));
    }

    @Override
    public String key() {
        return "group";
    }

    @Override
    public String value() {
        return mids.isEmpty() ? semantics : semantics + " " + String.join(" ", mids);
    }
}
