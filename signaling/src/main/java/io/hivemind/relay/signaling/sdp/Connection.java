package io.hivemind.relay.signaling.sdp;

/** {@code c=<nettype> <addrtype> <address>} (RFC 8866 §5.7). */
public record Connection(String netType, String addrType, String address) {

    public Connection {
        SdpGrammar.requireToken(netType, "connection nettype");
        SdpGrammar.requireToken(addrType, "connection addrtype");
        SdpGrammar.requireVisible(address, "connection address");
    }

    /** {@code IN IP4 <address>} or {@code IN IP6 <address>} by the address's form. */
    public static Connection of(String address) {
        return new Connection("IN", address.indexOf(':') >= 0 ? "IP6" : "IP4", address);
    }

    static Connection parse(String value) {
        var w = SdpGrammar.words(value, 3, "c=");
        return new Connection(w.get(0), w.get(1), w.get(2));
    }

    /** The text after {@code c=}. */
    public String value() {
        return netType + " " + addrType + " " + address;
    }
}
