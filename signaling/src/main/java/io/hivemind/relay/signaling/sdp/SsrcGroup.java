package io.hivemind.relay.signaling.sdp;

import java.util.List;

/** {@code a=ssrc-group:<semantics> <ssrc>...} (RFC 5576 §4.2), e.g. {@code FID} for RTX. */
public record SsrcGroup(String semantics, List<Long> ssrcs) implements SdpAttribute {

    public SsrcGroup {
        SdpGrammar.requireToken(semantics, "ssrc-group semantics");
        ssrcs = List.copyOf(ssrcs);
        ssrcs.forEach(ssrc -> SdpGrammar.number(Long.toString(ssrc), 0xFFFFFFFFL, "ssrc"));
    }

    static SsrcGroup parse(String value) {
        List<String> words = SdpGrammar.words(value);
        return new SsrcGroup(words.get(0), words.subList(1, words.size()).stream()
                .map(word -> SdpGrammar.number(word, 0xFFFFFFFFL, "ssrc")).toList());
    }

    @Override
    public String key() {
        return "ssrc-group";
    }

    @Override
    public String value() {
        StringBuilder text = new StringBuilder(semantics);
        ssrcs.forEach(ssrc -> text.append(' ').append(ssrc));
        return text.toString();
    }
}
