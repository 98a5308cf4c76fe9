package io.hivemind.relay.signaling.sdp;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code a=fmtp:<pt> <parameters>} (RFC 8866 §6.15); parameters kept verbatim. */
public record Fmtp(int payloadType, String parameters) implements SdpAttribute {

    public Fmtp {
        SdpGrammar.payloadType(Integer.toString(payloadType));
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("fmtp has no parameters");
        }
    }

    static Fmtp parse(String value) {
        int space = value.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("fmtp needs <pt> <parameters>");
        }
        return new Fmtp(SdpGrammar.payloadType(value.substring(0, space)), value.substring(space + 1));
    }

    /** The {@code key=value;...} parameters (RFC 7587 §6.1 for Opus); a key without {@code =} maps to "". */
    public Map<String, String> parameterMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : parameters.split(";")) {
            String trimmed = pair.trim();
            int eq = trimmed.indexOf('=');
            if (!trimmed.isEmpty()) {
                map.put(eq < 0 ? trimmed : trimmed.substring(0, eq), eq < 0 ? "" : trimmed.substring(eq + 1));
            }
        }
        return map;
    }

    @Override
    public String key() {
        return "fmtp";
    }

    @Override
    public String value() {
        return payloadType + " " + parameters;
    }
}
