package io.hivemind.relay.signaling.sdp;

import java.util.List;

/**
 * Writes a session description with CRLF line ends (RFC 8866 §5) in a fixed order: {@code v o s}, the optional
 * session lines in RFC order around {@code c=} and {@code t=}, session attributes, then each media section's
 * {@code m=}, its optional lines around {@code c=}, and its attributes, each list in model order.
 */
public final class SdpWriter {

    private SdpWriter() {
    }

    /**
     * The SDP text.
     *
     * @throws IllegalArgumentException when a value holds a line break or control character (only possible for
     *         values built in code; parsed values never do)
     */
    public static String write(SessionDescription description) {
        StringBuilder out = new StringBuilder(2048);
        line(out, 'v', "0");
        line(out, 'o', description.origin().value());
        line(out, 's', description.sessionName());
        for (char type : SdpLine.SESSION_ORDER.toCharArray()) {
            if (type == 'c') {
                if (description.connection() != null) {
                    line(out, 'c', description.connection().value());
                }
            } else if (type == 't') {
                line(out, 't', description.timing());
            } else {
                otherLines(out, description.otherLines(), type);
            }
        }
        attributes(out, description.attributes());
        for (MediaDescription media : description.media()) {
            line(out, 'm', media.mediaLine());
            for (char type : SdpLine.MEDIA_ORDER.toCharArray()) {
                if (type == 'c') {
                    if (media.connection() != null) {
                        line(out, 'c', media.connection().value());
                    }
                } else {
                    otherLines(out, media.otherLines(), type);
                }
            }
            attributes(out, media.attributes());
        }
        return out.toString();
    }

    private static void otherLines(StringBuilder out, List<SdpLine> lines, char type) {
        for (SdpLine line : lines) {
            if (line.type() == type) {
                line(out, type, line.value());
            }
        }
    }

    private static void attributes(StringBuilder out, List<SdpAttribute> attributes) {
        for (SdpAttribute attribute : attributes) {
            line(out, 'a', attribute.value() == null ? attribute.key() : attribute.key() + ":" + attribute.value());
        }
    }

    private static void line(StringBuilder out, char type, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                throw new IllegalArgumentException("control character in an SDP " + type + "= line");
            }
        }
        out.append(type).append('=').append(value).append("\r\n");
    }
}
