package io.hivemind.relay.media.rtcp;

/**
 * Why an RTCP packet (or a whole compound) was rejected. The header checks follow the validity check of RFC 3550
 * §6.1 and Appendix A.2; the body checks make sure a typed view never reads past its own packet.
 */
public enum RtcpDropReason {
    /** Not dropped: the input is valid. */
    NONE,
    /** Fewer bytes than a header, or a length field that points past the end of the datagram. */
    TRUNCATED,
    /** The version field is not 2. */
    BAD_VERSION,
    /** The packet lengths do not add up to the datagram length (RFC 3550 §6.1). */
    BAD_LENGTH,
    /** Padding bit on a packet other than the last, or a padding count of 0 or larger than the body. */
    BAD_PADDING,
    /** A compound that does not start with SR or RR and is not a reduced-size feedback packet (RFC 5506). */
    BAD_FIRST_PACKET,
    /** A typed view was asked to wrap a packet of another type or feedback format. */
    WRONG_TYPE,
    /** The body does not fit its own length: report count, chunk list, FCI size, delta list and so on. */
    MALFORMED
}
