package io.hivemind.relay.signaling.sdp;

/** {@code a=msid:<stream id> [track id]} (RFC 8830 §2); stream id {@code -} means no stream. */
public record Msid(String streamId, String trackId) implements SdpAttribute {

    public Msid {
        SdpGrammar.requireToken(streamId, "msid stream id");
        if (trackId != null) {
            SdpGrammar.requireToken(trackId, "msid track id");
        }
    }

    static Msid parse(String value) {
        var words = SdpGrammar.words(value);
        if (words.size() > 2) {
            throw new IllegalArgumentException("msid has at most a stream id and a track id");
        }
        return new Msid(words.get(0), words.size() == 2 ? words.get(1) : null);
    }

    @Override
    public String key() {
        return "msid";
    }

    @Override
    public String value() {
        return trackId == null ? streamId : streamId + " " + trackId;
    }
}
