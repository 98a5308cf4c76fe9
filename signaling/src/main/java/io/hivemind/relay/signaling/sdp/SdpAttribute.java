package io.hivemind.relay.signaling.sdp;

/**
 * One {@code a=} line (RFC 8866 §5.13): {@code a=<key>} for a property attribute or {@code a=<key>:<value>}.
 * Attributes the negotiation reads have a typed record; everything else is a {@link RawAttribute}, kept verbatim
 * so a description survives parse and write unchanged.
 */
public sealed interface SdpAttribute permits RawAttribute, Direction, Setup, Group, MsidSemantic, Mid, Msid,
        IceUfrag, IcePwd, IceOptions, Fingerprint, RtpMap, Fmtp, RtcpFeedback, Extmap, SsrcAttribute, SsrcGroup,
        Candidate {

    /** The attribute name, the part before the colon. */
    String key();

    /** The text after the colon, or {@code null} for a property attribute. */
    String value();
}
