package io.hivemind.relay.signaling.sdp;

/**
 * {@code a=ssrc:<ssrc> <attribute>[:<value>]} (RFC 5576 §4.1), e.g. {@code cname} (RFC 7022) or {@code msid}.
 *
 * @param attributeValue the source attribute's value, or {@code null}
 */
public record SsrcAttribute(long ssrc, String attribute, String attributeValue) implements SdpAttribute {

    public static final String CNAME = "cname";
    public static final String MSID = "msid";

    public SsrcAttribute {
        SdpGrammar.number(Long.toString(ssrc), 0xFFFFFFFFL, "ssrc");
        SdpGrammar.requireToken(attribute, "ssrc attribute");
        if (attributeValue != null && attributeValue.isEmpty()) {
            throw new IllegalArgumentException("ssrc attribute value is empty");
        }
    }

    static SsrcAttribute parse(String text) {
        int space = text.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("ssrc needs <ssrc> <attribute>");
        }
        String rest = text.substring(space + 1);
        int colon = rest.indexOf(':');
        return new SsrcAttribute(SdpGrammar.number(text.substring(0, space), 0xFFFFFFFFL, "ssrc"),
                colon < 0 ? rest : rest.substring(0, colon), colon < 0 ? null : rest.substring(colon + 1));
    }

    @Override
    public String key() {
        return "ssrc";
    }

    @Override
    public String value() {
        return ssrc + " " + attribute + (attributeValue == null ? "" : ":" + attributeValue);
    }
}
