package io.hivemind.relay.signaling.sdp;

/**
 * An attribute kept verbatim: properties such as {@code rtcp-mux} or {@code ice-lite}, and every attribute the
 * negotiation ignores ({@code rtcp}, {@code rtcp-xr}, {@code sctp-port}...).
 *
 * @param value the text after the colon, or {@code null} for a property attribute
 */
public record RawAttribute(String key, String value) implements SdpAttribute {

    public static final String RTCP_MUX = "rtcp-mux";
    public static final String RTCP_RSIZE = "rtcp-rsize";
    public static final String ICE_LITE = "ice-lite";
    public static final String END_OF_CANDIDATES = "end-of-candidates";

    /** A property attribute ({@code a=<key>}). */
    public static RawAttribute property(String key) {
        return new RawAttribute(key, null);
    }
}
