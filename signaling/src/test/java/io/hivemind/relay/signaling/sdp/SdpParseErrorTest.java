package io.hivemind.relay.signaling.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed or oversized input gives an SdpParseException naming the line, never anything else. */
class SdpParseErrorTest {

    private static final String OFFER = SdpFixtures.text(SdpFixtures.MIC);

    static Stream<Arguments> malformed() {
        return Stream.of(
                whole("empty text", "", 0, "needs v=, o= and s="),
                whole("only line breaks", "\r\n\r\n", 0, "needs v=, o= and s="),
                whole("no t= line", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n", 0, "missing t="),
                whole("longer than the limit", "v=0\r\n" + "a=x\r\n".repeat(SdpParser.MAX_LENGTH / 5), 0,
                        "longer than"),
                whole("too many lines", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                        + "a=x\r\n".repeat(SdpParser.MAX_LINES), SdpParser.MAX_LINES + 1, "more than"),
                whole("too many media sections", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                        + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n".repeat(SdpParser.MAX_MEDIA + 1),
                        5 + SdpParser.MAX_MEDIA, "more than 128 media"),
                replaced("unsupported version", "v=0", "v=1", "expected v=0"),
                replaced("o= line missing", "o=", "s=-", "expected 'o='"),
                replaced("o= with five fields", "o=", "o=- 1 2 IN IP4", "o= needs 6 fields"),
                replaced("session id not a number", "o=", "o=- 12x 2 IN IP4 127.0.0.1", "session id"),
                replaced("empty s=", "s=", "s=", "s= is empty"),
                replaced("line without type", "a=rtcp-mux", "rtcp-mux", "expected <type>=<value>"),
                replaced("upper-case type", "a=rtcp-mux", "A=rtcp-mux", "expected <type>=<value>"),
                replaced("unknown type letter", "a=rtcp-mux", "x=rtcp-mux", "'x=' is not allowed"),
                replaced("t= inside a media section", "a=rtcp-mux", "t=0 0", "'t=' is not allowed"),
                replaced("second t=", "a=msid-semantic", "t=0 0", "only one t="),
                replaced("NUL byte", "a=rtcp-mux", "a=rtcp\0mux", "control character"),
                replaced("bare CR inside a line", "a=rtcp-mux", "a=rtcp\rmux", "control character"),
                replaced("empty line in the middle", "a=rtcp-mux", "", "expected <type>=<value>"),
                replaced("over-long line", "a=rtcp-mux", "a=x:" + "y".repeat(SdpParser.MAX_LINE_LENGTH), "longer"),
                replaced("second c= in a section", "a=rtcp-mux", "c=IN IP4 127.0.0.1", "second c="),
                replaced("c= with two fields", "c=", "c=IN IP4", "c= needs 3 fields"),
                replaced("m= without formats", "m=audio", "m=audio 9 UDP/TLS/RTP/SAVPF", "m= needs"),
                replaced("m= port range", "m=audio", "m=audio 9/2 UDP/TLS/RTP/SAVPF 111", "port"),
                replaced("m= port too large", "m=audio", "m=audio 65536 UDP/TLS/RTP/SAVPF 111", "port exceeds"),
                replaced("m= double space", "m=audio", "m=audio  9 UDP/TLS/RTP/SAVPF 111", "empty field"),
                replaced("attribute name with space", "a=rtcp-mux", "a=rtcp mux", "attribute name"),
                replaced("candidate without typ", "a=candidate:2847451530",
                        "a=candidate:1 1 udp 2122194687 127.0.0.1 48344 host", "candidate needs"),
                replaced("candidate port too large", "a=candidate:2847451530",
                        "a=candidate:1 1 udp 2122194687 127.0.0.1 70000 typ host", "port exceeds"),
                replaced("candidate priority zero", "a=candidate:2847451530",
                        "a=candidate:1 1 udp 0 127.0.0.1 48344 typ host", "out of range"),
                replaced("candidate extension without value", "a=candidate:2847451530",
                        "a=candidate:1 1 udp 1 127.0.0.1 48344 typ host generation", "without a value"),
                replaced("candidate foundation too long", "a=candidate:2847451530",
                        "a=candidate:" + "f".repeat(33) + " 1 udp 1 127.0.0.1 48344 typ host", "foundation"),
                replaced("ice-ufrag too short", "a=ice-ufrag", "a=ice-ufrag:abc", "ice-ufrag must be"),
                replaced("ice-pwd too short", "a=ice-pwd", "a=ice-pwd:short", "ice-pwd must be"),
                replaced("ice-pwd with a non ice-char", "a=ice-pwd", "a=ice-pwd:0123456789012345678901=", "ice-char"),
                replaced("sha-256 fingerprint of 31 bytes", "a=fingerprint",
                        "a=fingerprint:sha-256 " + "AB:".repeat(30) + "AB", "32 bytes"),
                replaced("fingerprint not hex", "a=fingerprint",
                        "a=fingerprint:sha-256 " + "ZZ:".repeat(31) + "ZZ", "hex pairs"),
                replaced("fingerprint without hash", "a=fingerprint", "a=fingerprint:AB:CD", "2 fields"),
                replaced("setup value unknown", "a=setup", "a=setup:both", "setup must be"),
                replaced("rtpmap payload type 128", "a=rtpmap:111", "a=rtpmap:128 opus/48000/2", "payload type"),
                replaced("rtpmap without clock rate", "a=rtpmap:111", "a=rtpmap:111 opus", "rtpmap needs"),
                replaced("rtpmap zero channels", "a=rtpmap:111", "a=rtpmap:111 opus/48000/0", "channels"),
                replaced("rtpmap signed clock rate", "a=rtpmap:111", "a=rtpmap:111 opus/+48000/2", "not a number"),
                replaced("fmtp without parameters", "a=fmtp:111", "a=fmtp:111", "fmtp needs"),
                replaced("rtcp-fb without feedback", "a=rtcp-fb", "a=rtcp-fb:111", "rtcp-fb needs"),
                replaced("extmap id 0", "a=extmap:1", "a=extmap:0 " + Extmap.AUDIO_LEVEL, "extmap id"),
                replaced("extmap bad direction", "a=extmap:1", "a=extmap:1/both " + Extmap.AUDIO_LEVEL, "direction"),
                replaced("extmap without uri", "a=extmap:1", "a=extmap:1", "extmap needs"),
                replaced("ssrc larger than 32 bits", "a=ssrc:1317172885 cname",
                        "a=ssrc:4294967296 cname:x", "ssrc exceeds"),
                replaced("ssrc without attribute", "a=ssrc:1317172885 cname", "a=ssrc:1", "ssrc needs"),
                replaced("msid with three ids", "a=msid:", "a=msid:a b c", "at most"),
                replaced("group without semantics", "a=group", "a=group:", "empty field"),
                replaced("mid with a space", "a=mid", "a=mid:0 1", "mid has an invalid character"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsWithLineNumber(String name, String text, int line, String message) {
        assertThatThrownBy(() -> SdpParser.parse(text)).isInstanceOfSatisfying(SdpParseException.class, e -> {
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.getMessage()).contains(message).startsWith(line > 0 ? "SDP line " + line + ": " : "SDP: ");
        });
    }

    private static Arguments whole(String name, String text, int line, String message) {
        return Arguments.of(name, text, line, message);
    }

    /** The captured offer with the first line starting with {@code prefix} replaced. */
    private static Arguments replaced(String name, String prefix, String replacement, String message) {
        List<String> lines = new ArrayList<>(Arrays.asList(OFFER.split("\r\n")));
        int index = 0;
        while (!lines.get(index).startsWith(prefix)) {
            index++;
        }
        lines.set(index, replacement);
        return Arguments.of(name, String.join("\r\n", lines) + "\r\n", index + 1, message);
    }
}
