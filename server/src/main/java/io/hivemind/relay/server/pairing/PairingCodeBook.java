package io.hivemind.relay.server.pairing;

import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The pairing codes issued and not yet forgotten. A code is {@value #LENGTH} characters from an alphabet without
 * look-alikes (no 0/O, 1/I), drawn from {@link SecureRandom} (50 bits); it redeems once within {@link #LIFETIME}.
 * Redeemed and expired codes are remembered for {@link #MEMORY} so that a late phone is told "used" or "expired"
 * rather than "invalid"; at most {@value #MAX_CODES} are kept, the oldest forgotten first. Kept in memory only: a
 * restart forgets them, which costs an admin one new code. Thread-safe; every method is short and never blocks.
 */
final class PairingCodeBook {

    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final int LENGTH = 10;
    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final Duration MEMORY = Duration.ofHours(1);
    static final int MAX_CODES = 1024;

    private record Entry(Instant expiresAt, boolean used) {
    }

    private final SecureRandom random;
    /** In issue order, so the eldest is first. */
    private final Map<String, Entry> codes = new LinkedHashMap<>();

    PairingCodeBook(SecureRandom random) {
        this.random = random;
    }

    /** A fresh code valid from {@code now} for {@link #LIFETIME}. */
    synchronized String issue(Instant now) {
        forget(now);
        String code;
        do {
            StringBuilder chars = new StringBuilder(LENGTH);
            for (int i = 0; i < LENGTH; i++) {
                chars.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            code = chars.toString();
        } while (codes.containsKey(code));
        codes.put(code, new Entry(now.plus(LIFETIME), false));
        return code;
    }

    /**
     * Consumes {@code presented} (case, spaces and dashes ignored, as people type codes).
     *
     * @throws SignalingException {@link ErrorCode#PAIRING_CODE_INVALID}, {@link ErrorCode#PAIRING_CODE_USED} or
     *                            {@link ErrorCode#PAIRING_CODE_EXPIRED}
     */
    synchronized void redeem(String presented, Instant now) {
        forget(now);
        String code = normalize(presented);
        Entry entry = code == null ? null : codes.get(code);
        if (entry == null) {
            throw new SignalingException(ErrorCode.PAIRING_CODE_INVALID, "unknown pairing code");
        }
        if (entry.used()) {
            throw new SignalingException(ErrorCode.PAIRING_CODE_USED, "pairing code already used");
        }
        if (!now.isBefore(entry.expiresAt())) {
            throw new SignalingException(ErrorCode.PAIRING_CODE_EXPIRED, "pairing code expired; create a new one");
        }
        codes.put(code, new Entry(entry.expiresAt(), true));
    }

    synchronized int size() {
        return codes.size();
    }

    private static String normalize(String presented) {
        if (presented == null || presented.length() > 4 * LENGTH) {
            return null;
        }
        String code = presented.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        return code.length() == LENGTH ? code : null;
    }

    private void forget(Instant now) {
        Instant horizon = now.minus(MEMORY);
        for (Iterator<Entry> it = codes.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (entry.expiresAt().isBefore(horizon) || codes.size() >= MAX_CODES) {
                it.remove();
            }
        }
    }
}
