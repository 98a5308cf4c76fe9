package io.hivemind.relay.signaling.sdp;

import java.util.List;

/**
 * One media section (RFC 8866 §5.14): {@code m=<type> <port> <proto> <fmt>...} with its lines.
 *
 * @param connection the {@code c=} line, or {@code null}
 * @param otherLines {@code i= b= k=} lines kept verbatim
 */
public record MediaDescription(String type, int port, String proto, List<String> formats, Connection connection,
        List<SdpLine> otherLines, List<SdpAttribute> attributes) implements AttributeList {

    public static final String AUDIO = "audio";
    /** The RTP profile WebRTC uses (RFC 5764 §8, RFC 8829 §5.1.2). */
    public static final String WEBRTC_RTP_PROTO = "UDP/TLS/RTP/SAVPF";

    public MediaDescription {
        SdpGrammar.requireToken(type, "media type");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("media port out of range");
        }
        for (String part : proto.split("/", -1)) {
            SdpGrammar.requireToken(part, "media proto"); // RFC 8866 §9: proto = token *("/" token)
        }
        formats = List.copyOf(formats);
        formats.forEach(format -> SdpGrammar.requireToken(format, "media format"));
        otherLines = List.copyOf(otherLines);
        attributes = List.copyOf(attributes);
    }

    static MediaDescription parseMediaLine(String value) {
        List<String> words = SdpGrammar.words(value);
        if (words.size() < 4) {
            throw new IllegalArgumentException("m= needs <media> <port> <proto> <fmt>...");
        }
        return new MediaDescription(words.get(0), SdpGrammar.port(words.get(1)), words.get(2),
                words.subList(3, words.size()), null, List.of(), List.of());
    }

    /** The text after {@code m=}. */
    public String mediaLine() {
        return type + " " + port + " " + proto + " " + String.join(" ", formats);
    }

    /** The {@code a=mid} value, or {@code null}. */
    public String mid() {
        Mid mid = first(Mid.class);
        return mid == null ? null : mid.id();
    }

    /** The direction attribute; {@code sendrecv} when absent (RFC 8866 §6.7). */
    public Direction direction() {
        Direction direction = first(Direction.class);
        return direction == null ? Direction.SENDRECV : direction;
    }

    /** Whether the section was rejected or disabled with port 0 (RFC 3264 §6). */
    public boolean isRejected() {
        return port == 0;
    }

    /** The same section with other attributes. */
    public MediaDescription withAttributes(List<SdpAttribute> replaced) {
        return new MediaDescription(type, port, proto, formats, connection, otherLines, replaced);
    }
}
