package io.hivemind.relay.signaling.sdp;

import java.util.List;

/**
 * {@code a=msid-semantic: WMS [ids]} (draft-ietf-mmusic-msid-05, still written by libwebrtc). Read for completeness;
 * the negotiation uses the per-section {@code a=msid} instead.
 */
public record MsidSemantic(String semantic, List<String> streamIds) implements SdpAttribute {

    public MsidSemantic {
        SdpGrammar.requireToken(semantic, "msid semantic");
        streamIds = List.copyOf(streamIds);
        streamIds.forEach(id -> SdpGrammar.requireToken(id, "msid stream id"));
    }

    static MsidSemantic parse(String value) {
        // libwebrtc writes one space after the colon.
        List<String> words = SdpGrammar.words(value.startsWith(" ") ? value.substring(1) : value);
        return new MsidSemantic(words.get(0), words.subList(1, words.size()));
    }

    @Override
    public String key() {
        return "msid-semantic";
    }

    @Override
    public String value() {
        return streamIds.isEmpty() ? " " + semantic : " " + semantic + " " + String.join(" ", streamIds);
    }
}
