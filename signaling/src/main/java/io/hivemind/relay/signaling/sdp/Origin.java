package io.hivemind.relay.signaling.sdp;

/** {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <address>} (RFC 8866 §5.2). */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addrType,
        String address) {

    public Origin {
        SdpGrammar.requireVisible(username, "origin username");
        SdpGrammar.requireDigits(sessionId, 20, "session id");
        SdpGrammar.requireDigits(sessionVersion, 20, "session version");
        SdpGrammar.requireToken(netType, "origin nettype");
        SdpGrammar.requireToken(addrType, "origin addrtype");
        SdpGrammar.requireVisible(address, "origin address");
    }

    /** Our origin line: {@code - <id> <version> IN IP4 127.0.0.1} (JSEP, RFC 8829 §5.2.1). */
    public static Origin local(long sessionId, long sessionVersion) {
        return new Origin("-", Long.toUnsignedString(sessionId), Long.toString(sessionVersion), "IN", "IP4",
                "127.0.0.1");
    }

    static Origin parse(String value) {
        var w = SdpGrammar.words(value, 6, "o=");
        return new Origin(w.get(0), w.get(1), w.get(2), w.get(3), w.get(4), w.get(5));
    }

    /** The text after {@code o=}. */
    public String value() {
        return username + " " + sessionId + " " + sessionVersion + " " + netType + " " + addrType + " " + address;
    }
}
