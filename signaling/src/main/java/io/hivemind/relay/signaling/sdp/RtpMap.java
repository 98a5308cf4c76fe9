package io.hivemind.relay.signaling.sdp;

/**
 * {@code a=rtpmap:<pt> <encoding>/<clock rate>[/<channels>]} (RFC 8866 §6.6).
 *
 * @param channels the encoding parameter, 0 when absent
 */
public record RtpMap(int payloadType, String encoding, long clockRate, int channels) implements SdpAttribute {

    public RtpMap {
        SdpGrammar.payloadType(Integer.toString(payloadType));
        SdpGrammar.requireToken(encoding, "encoding name");
        if (encoding.indexOf('/') >= 0 || clockRate <= 0 || channels < 0) {
            throw new IllegalArgumentException("invalid rtpmap");
        }
    }

    static RtpMap parse(String value) {
        var words = SdpGrammar.words(value, 2, "rtpmap");
        String[] parts = words.get(1).split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("rtpmap needs <encoding>/<clock rate>[/<channels>]");
        }
        int channels = parts.length == 3 ? (int) SdpGrammar.number(parts[2], 255, "channels") : 0;
        if (parts.length == 3 && channels == 0) {
            throw new IllegalArgumentException("channels must be positive");
        }
        return new RtpMap(SdpGrammar.payloadType(words.get(0)), parts[0],
                SdpGrammar.number(parts[1], 0xFFFFFFFFL, "clock rate"), channels);
    }

    /** Whether this maps Opus as WebRTC requires it: {@code opus/48000/2} (RFC 7587 §7). */
    public boolean isOpus() {
        return "opus".equalsIgnoreCase(encoding) && clockRate == 48000 && channels == 2;
    }

    @Override
    public String key() {
        return "rtpmap";
    }

    @Override
    public String value() {
        return payloadType + " " + encoding + "/" + clockRate + (channels == 0 ? "" : "/" + channels);
    }
}
