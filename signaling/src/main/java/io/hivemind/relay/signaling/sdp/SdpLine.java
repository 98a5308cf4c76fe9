package io.hivemind.relay.signaling.sdp;

/**
 * A line the negotiation does not read ({@code i= u= e= p= b= z= k= r=}, RFC 8866 §5), kept verbatim so a
 * description survives parse and write.
 */
public record SdpLine(char type, String value) {

    /** RFC 8866 §5 order of the optional session-level lines around {@code c=} and {@code t=}. */
    static final String SESSION_ORDER = "iuepcbtrzk";
    /** RFC 8866 §5 order of the optional media-level lines around {@code c=}. */
    static final String MEDIA_ORDER = "icbk";

    public SdpLine {
        if ("iuepbzkr".indexOf(type) < 0) {
            throw new IllegalArgumentException("not a verbatim line type: " + type);
        }
    }
}
