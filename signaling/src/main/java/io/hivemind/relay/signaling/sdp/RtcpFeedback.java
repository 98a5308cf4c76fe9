package io.hivemind.relay.signaling.sdp;

/**
 * {@code a=rtcp-fb:<pt or *> <feedback>} (RFC 4585 §4.2), e.g. {@code transport-cc} or {@code nack pli}.
 *
 * @param payloadType a payload type number or {@code *}
 */
public record RtcpFeedback(String payloadType, String feedback) implements SdpAttribute {

    public static final String TRANSPORT_CC = "transport-cc";

    public RtcpFeedback {
        if (!"*".equals(payloadType)) {
            SdpGrammar.payloadType(payloadType);
        }
        SdpGrammar.words(feedback).forEach(word -> SdpGrammar.requireVisible(word, "rtcp-fb parameter"));
    }

    static RtcpFeedback parse(String value) {
        int space = value.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("rtcp-fb needs <pt> <feedback>");
        }
        return new RtcpFeedback(value.substring(0, space), value.substring(space + 1));
    }

    /** Whether this applies to the payload type. */
    public boolean appliesTo(int pt) {
        return "*".equals(payloadType) || payloadType.equals(Integer.toString(pt));
    }

    @Override
    public String key() {
        return "rtcp-fb";
    }

    @Override
    public String value() {
        return payloadType + " " + feedback;
    }
}
