package io.hivemind.relay.signaling.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a session description line by line (RFC 8866 §5, §9), accepting CRLF or LF line ends. Known attributes
 * become typed records, others are kept verbatim. Input is bounded ({@link #MAX_LENGTH}, {@link #MAX_LINES},
 * {@link #MAX_LINE_LENGTH}, {@link #MAX_MEDIA}); anything malformed or oversized gives an {@link SdpParseException}
 * naming the line. Messages never quote attribute values, so no ICE password reaches a log.
 */
public final class SdpParser {

    public static final int MAX_LENGTH = 256 * 1024;
    public static final int MAX_LINES = 8192;
    public static final int MAX_LINE_LENGTH = 4096;
    public static final int MAX_MEDIA = 128;

    private SdpParser() {
    }

    /** Parses a complete description. */
    public static SessionDescription parse(String text) throws SdpParseException {
        if (text.length() > MAX_LENGTH) {
            throw new SdpParseException(0, "longer than " + MAX_LENGTH + " characters");
        }
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        State state = new State();
        int lineNumber = 0;
        int start = 0;
        while (start < end) {
            int newline = text.indexOf('\n', start);
            int lineEnd = newline < 0 || newline > end ? end : newline;
            String line = text.substring(start, lineEnd > start && text.charAt(lineEnd - 1) == '\r'
                    ? lineEnd - 1 : lineEnd);
            start = lineEnd + 1;
            if (++lineNumber > MAX_LINES) {
                throw new SdpParseException(lineNumber, "more than " + MAX_LINES + " lines");
            }
            try {
                state.accept(lineNumber, checked(line, lineNumber));
            } catch (IllegalArgumentException e) {
                throw new SdpParseException(lineNumber, e.getMessage());
            }
        }
        return state.finish(lineNumber);
    }

    private static String checked(String line, int lineNumber) throws SdpParseException {
        if (line.length() > MAX_LINE_LENGTH) {
            throw new SdpParseException(lineNumber, "longer than " + MAX_LINE_LENGTH + " characters");
        }
        if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
            throw new SdpParseException(lineNumber, "expected <type>=<value>");
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                throw new SdpParseException(lineNumber, "control character at column " + (i + 1));
            }
        }
        return line;
    }

    /** The attribute in the text after {@code a=}. */
    static SdpAttribute attribute(String text) {
        int colon = text.indexOf(':');
        String key = SdpGrammar.requireToken(colon < 0 ? text : text.substring(0, colon), "attribute name");
        if (colon < 0) {
            Direction direction = Direction.byKey(key);
            return direction != null ? direction : RawAttribute.property(key);
        }
        String value = text.substring(colon + 1);
        try {
            return switch (key) {
                case "group" -> Group.parse(value);
                case "msid-semantic" -> MsidSemantic.parse(value);
                case "mid" -> new Mid(value);
                case "msid" -> Msid.parse(value);
                case "ice-ufrag" -> new IceUfrag(value);
                case "ice-pwd" -> new IcePwd(value);
                case "ice-options" -> IceOptions.parse(value);
                case "fingerprint" -> Fingerprint.parse(value);
                case "setup" -> Setup.parse(value);
                case "rtpmap" -> RtpMap.parse(value);
                case "fmtp" -> Fmtp.parse(value);
                case "rtcp-fb" -> RtcpFeedback.parse(value);
                case "extmap" -> Extmap.parse(value);
                case "ssrc" -> SsrcAttribute.parse(value);
                case "ssrc-group" -> SsrcGroup.parse(value);
                case "candidate" -> Candidate.parse(value);
                default -> new RawAttribute(key, value);
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a=" + key + ": " + e.getMessage(), e);
        }
    }

    /** What has been read so far. */
    private static final class State {
        private Origin origin;
        private String sessionName;
        private Connection connection;
        private String timing;
        private final List<SdpLine> otherLines = new ArrayList<>();
        private final List<SdpAttribute> attributes = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();
        private MediaDescription section;
        private Connection sectionConnection;
        private final List<SdpLine> sectionLines = new ArrayList<>();
        private final List<SdpAttribute> sectionAttributes = new ArrayList<>();

        void accept(int number, String line) throws SdpParseException {
            char type = line.charAt(0);
            String value = line.substring(2);
            if (number <= 3) {
                header(number, type, value);
            } else if (type == 'm') {
                closeSection();
                if (media.size() == MAX_MEDIA) {
                    throw new SdpParseException(number, "more than " + MAX_MEDIA + " media sections");
                }
                section = MediaDescription.parseMediaLine(value);
            } else if (type == 'a') {
                (section == null ? attributes : sectionAttributes).add(attribute(value));
            } else if (type == 'c') {
                if (section == null ? connection != null : sectionConnection != null) {
                    throw new SdpParseException(number, "second c= line");
                }
                if (section == null) {
                    connection = Connection.parse(value);
                } else {
                    sectionConnection = Connection.parse(value);
                }
            } else if (type == 't' && section == null) {
                if (timing != null) {
                    throw new SdpParseException(number, "only one t= line is supported");
                }
                SdpGrammar.words(value, 2, "t=").forEach(word -> SdpGrammar.requireDigits(word, 20, "t= time"));
                timing = value;
            } else if (section == null ? "iuepbrzk".indexOf(type) >= 0 : "ibk".indexOf(type) >= 0) {
                (section == null ? otherLines : sectionLines).add(new SdpLine(type, value));
            } else {
                throw new SdpParseException(number, "'" + type + "=' is not allowed here");
            }
        }

        private void header(int number, char type, String value) throws SdpParseException {
            char expected = "vos".charAt(number - 1);
            if (type != expected) {
                throw new SdpParseException(number, "expected '" + expected + "=' line");
            }
            if (type == 'v' && !"0".equals(value)) {
                throw new SdpParseException(number, "unsupported version, expected v=0");
            } else if (type == 'o') {
                origin = Origin.parse(value);
            } else if (type == 's') {
                if (value.isEmpty()) {
                    throw new SdpParseException(number, "s= is empty");
                }
                sessionName = value;
            }
        }

        private void closeSection() {
            if (section != null) {
                media.add(new MediaDescription(section.type(), section.port(), section.proto(), section.formats(),
                        sectionConnection, sectionLines, sectionAttributes));
                sectionConnection = null;
                sectionLines.clear();
                sectionAttributes.clear();
            }
        }

        SessionDescription finish(int lines) throws SdpParseException {
            if (lines < 3) {
                throw new SdpParseException(0, "incomplete: needs v=, o= and s= lines");
            }
            if (timing == null) {
                throw new SdpParseException(0, "missing t= line");
            }
            closeSection();
            return new SessionDescription(origin, sessionName, connection, timing, otherLines, attributes, media);
        }
    }
}
