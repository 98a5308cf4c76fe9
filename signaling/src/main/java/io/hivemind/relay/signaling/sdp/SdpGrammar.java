package io.hivemind.relay.signaling.sdp;

import java.util.ArrayList;
import java.util.List;

/** The lexical rules shared by the attribute records (RFC 8866 §9, RFC 8839 §5.1). */
final class SdpGrammar {

    private SdpGrammar() {
    }

    /** RFC 8866 token-char: visible ASCII except space and {@code "(),/:;<=>?@[\]}. */
    static boolean isTokenChar(char c) {
        return c == 0x21 || c >= 0x23 && c <= 0x27 || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                || c >= 0x30 && c <= 0x39 || c >= 0x41 && c <= 0x5A || c >= 0x5E && c <= 0x7E;
    }

    static String requireToken(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isTokenChar(value.charAt(i))) {
                throw new IllegalArgumentException(what + " has an invalid character at " + i);
            }
        }
        return value;
    }

    /** Visible ASCII without spaces (RFC 8866 non-ws-string restricted to VCHAR): addresses, URIs. */
    static String requireVisible(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) <= 0x20 || value.charAt(i) >= 0x7F) {
                throw new IllegalArgumentException(what + " has an invalid character at " + i);
            }
        }
        return value;
    }

    /** RFC 8839 ice-char: ALPHA / DIGIT / "+" / "/", between {@code min} and {@code max} of them. */
    static String requireIceChars(String value, int min, int max, String what) {
        if (value == null || value.length() < min || value.length() > max) {
            throw new IllegalArgumentException(what + " must be " + min + " to " + max + " ice-chars");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/';
            if (!ok) {
                throw new IllegalArgumentException(what + " has a character that is not an ice-char at " + i);
            }
        }
        return value;
    }

    /** Strict decimal: 1 to 10 digits, no sign, at most {@code max}. */
    static long number(String text, long max, String what) {
        if (text.isEmpty() || text.length() > 10) {
            throw new IllegalArgumentException(what + " is not a number");
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(what + " is not a number");
            }
            value = value * 10 + (c - '0');
        }
        if (value > max) {
            throw new IllegalArgumentException(what + " exceeds " + max);
        }
        return value;
    }

    /** 1 to {@code maxLength} decimal digits (values such as session ids that may exceed a long). */
    static String requireDigits(String text, int maxLength, String what) {
        if (text.isEmpty() || text.length() > maxLength || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(what + " must be 1 to " + maxLength + " digits");
        }
        return text;
    }

    static int port(String text) {
        return (int) number(text, 65535, "port");
    }

    static int payloadType(String text) {
        return (int) number(text, 127, "payload type");
    }

    /** Words separated by exactly one space; at least one, none empty. */
    static List<String> words(String value) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == ' ') {
                if (i == start) {
                    throw new IllegalArgumentException("empty field (double, leading or trailing space)");
                }
                words.add(value.substring(start, i));
                start = i + 1;
            }
        }
        return words;
    }

    /** Exactly {@code count} words. */
    static List<String> words(String value, int count, String what) {
        List<String> words = words(value);
        if (words.size() != count) {
            throw new IllegalArgumentException(what + " needs " + count + " fields, got " + words.size());
        }
        return words;
    }
}
