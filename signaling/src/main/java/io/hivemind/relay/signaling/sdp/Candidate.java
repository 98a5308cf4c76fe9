package io.hivemind.relay.signaling.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=candidate} (RFC 8839 §5.1):
 * {@code <foundation> <component> <transport> <priority> <address> <port> typ <type> [raddr <a>] [rport <p>]
 * *(<extension name> <extension value>)}, e.g. libwebrtc's {@code generation 0 network-id 1}.
 *
 * @param relatedAddress {@code raddr}, or {@code null}
 * @param relatedPort {@code rport}, or -1
 * @param extensions extension names and values, alternating
 */
public record Candidate(String foundation, int component, String transport, long priority, String address, int port,
        String type, String relatedAddress, int relatedPort, List<String> extensions) implements SdpAttribute {

    public static final String HOST = "host";
    /** RFC 8445 §5.1.2.2 type preference for host candidates. */
    private static final long HOST_TYPE_PREFERENCE = 126;

    public Candidate {
        SdpGrammar.requireIceChars(foundation, 1, 32, "candidate foundation");
        if (component < 1 || component > 256 || priority < 1 || priority > 0xFFFFFFFFL || port < 0 || port > 65535
                || relatedPort < -1 || relatedPort > 65535) {
            throw new IllegalArgumentException("candidate component, priority or port out of range");
        }
        SdpGrammar.requireToken(transport, "candidate transport");
        SdpGrammar.requireVisible(address, "candidate address");
        SdpGrammar.requireToken(type, "candidate type");
        if (relatedAddress != null) {
            SdpGrammar.requireVisible(relatedAddress, "candidate raddr");
        }
        extensions = List.copyOf(extensions);
        if (extensions.size() % 2 != 0) {
            throw new IllegalArgumentException("candidate extension without a value");
        }
        extensions.forEach(word -> SdpGrammar.requireVisible(word, "candidate extension"));
    }

    /**
     * A UDP host candidate for component 1 (RTP, rtcp-mux), priority per RFC 8445 §5.1.2.1 with the local
     * preference falling with {@code index} so earlier addresses are preferred.
     */
    public static Candidate udpHost(int index, String address, int port) {
        long priority = (HOST_TYPE_PREFERENCE << 24) | ((65535L - index) << 8) | (256 - 1);
        return new Candidate(Integer.toString(index + 1), 1, "udp", priority, address, port, HOST, null, -1,
                List.of());
    }

    static Candidate parse(String value) {
        List<String> words = SdpGrammar.words(value);
        if (words.size() < 8 || !"typ".equals(words.get(6))) {
            throw new IllegalArgumentException(
                    "candidate needs <foundation> <component> <transport> <priority> <address> <port> typ <type>");
        }
        int at = 8;
        String relatedAddress = null;
        int relatedPort = -1;
        if (at + 1 < words.size() && "raddr".equals(words.get(at))) {
            relatedAddress = words.get(at + 1);
            at += 2;
        }
        if (at + 1 < words.size() && "rport".equals(words.get(at))) {
            relatedPort = SdpGrammar.port(words.get(at + 1));
            at += 2;
        }
        return new Candidate(words.get(0), (int) SdpGrammar.number(words.get(1), 256, "component"), words.get(2),
                SdpGrammar.number(words.get(3), 0xFFFFFFFFL, "priority"), words.get(4), SdpGrammar.port(words.get(5)),
                words.get(7), relatedAddress, relatedPort, new ArrayList<>(words.subList(at, words.size())));
    }

    /** Whether this is a UDP candidate (transport names are case-insensitive). */
    public boolean isUdp() {
        return "udp".equalsIgnoreCase(transport);
    }

    @Override
    public String key() {
        return "candidate";
    }

    @Override
    public String value() {
        StringBuilder text = new StringBuilder().append(foundation).append(' ').append(component).append(' ')
                .append(transport).append(' ').append(priority).append(' ').append(address).append(' ').append(port)
                .append(" typ ").append(type);
        if (relatedAddress != null) {
            text.append(" raddr ").append(relatedAddress);
        }
        if (relatedPort >= 0) {
            text.append(" rport ").append(relatedPort);
        }
        extensions.forEach(word -> text.append(' ').append(word));
        return text.toString();
    }
}
