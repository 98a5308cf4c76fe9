package io.hivemind.relay.media.stun;

/**
 * The value of an ERROR-CODE attribute (RFC 8489 §14.8): a code from 300 to 699 and a UTF-8 reason phrase of at
 * most 763 bytes. The constants are the errors an ICE agent answers Binding requests with.
 *
 * @param code   the error code, hundreds digit being the class
 * @param reason the reason phrase, for humans
 */
public record StunError(int code, String reason) {

    /** RFC 8489 §14.8: malformed request, or MESSAGE-INTEGRITY/USERNAME missing. */
    public static final StunError BAD_REQUEST = new StunError(400, "Bad Request");
    /** RFC 8489 §14.8: integrity check failed or unknown username. */
    public static final StunError UNAUTHORIZED = new StunError(401, "Unauthorized");
    /** RFC 8489 §14.8: comprehension-required attributes not understood; goes with UNKNOWN-ATTRIBUTES. */
    public static final StunError UNKNOWN_ATTRIBUTE = new StunError(420, "Unknown Attribute");
    /** RFC 8445 §7.3.1.1: ICE role conflict. */
    public static final StunError ROLE_CONFLICT = new StunError(487, "Role Conflict");

    /** Longest reason phrase in UTF-8 bytes (RFC 8489 §14.8). */
    public static final int MAX_REASON_BYTES = 763;

    public StunError {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("STUN error code out of 300..699: " + code);
        }
        if (reason == null) {
            throw new IllegalArgumentException("reason phrase is required");
        }
    }
}
