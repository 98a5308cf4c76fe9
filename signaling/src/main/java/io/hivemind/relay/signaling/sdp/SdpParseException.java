package io.hivemind.relay.signaling.sdp;

/** Malformed or oversized SDP; {@link #line()} is 1-based, 0 when the error is about the whole text. */
public final class SdpParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;

    public SdpParseException(int line, String message) {
        super(line > 0 ? "SDP line " + line + ": " + message : "SDP: " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
