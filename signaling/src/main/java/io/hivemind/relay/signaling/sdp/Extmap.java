package io.hivemind.relay.signaling.sdp;

/**
 * {@code a=extmap:<id>[/<direction>] <uri> [<attributes>]} (RFC 8285 §8).
 *
 * @param direction {@code sendonly}, {@code recvonly}, {@code sendrecv}, {@code inactive}, or {@code null}
 * @param attributes extension attributes kept verbatim, or {@code null}
 */
public record Extmap(int id, String direction, String uri, String attributes) implements SdpAttribute {

    public static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    public static final String TRANSPORT_WIDE_CC =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

    public Extmap {
        // 1-14 one-byte, 1-255 two-byte header ids (RFC 8285 §4.2, §4.3); 4096-4351 are for negotiation only.
        if (id < 1 || id > 255 && (id < 4096 || id > 4351)) {
            throw new IllegalArgumentException("extmap id out of range");
        }
        if (direction != null && Direction.byKey(direction) == null) {
            throw new IllegalArgumentException("extmap direction must be sendonly, recvonly, sendrecv or inactive");
        }
        SdpGrammar.requireVisible(uri, "extmap uri");
        if (attributes != null && attributes.isEmpty()) {
            throw new IllegalArgumentException("extmap attributes are empty");
        }
    }

    /** An extension without direction or attributes. */
    public static Extmap of(int id, String uri) {
        return new Extmap(id, null, uri, null);
    }

    static Extmap parse(String value) {
        String[] parts = value.split(" ", 3);
        if (parts.length < 2) {
            throw new IllegalArgumentException("extmap needs <id> <uri>");
        }
        int slash = parts[0].indexOf('/');
        String idText = slash < 0 ? parts[0] : parts[0].substring(0, slash);
        return new Extmap((int) SdpGrammar.number(idText, 4351, "extmap id"),
                slash < 0 ? null : parts[0].substring(slash + 1), parts[1], parts.length == 3 ? parts[2] : null);
    }

    @Override
    public String key() {
        return "extmap";
    }

    @Override
    public String value() {
        return id + (direction == null ? "" : "/" + direction) + " " + uri + (attributes == null ? "" : " " + attributes);
    }
}
