package io.hivemind.relay.media.rtp;

/**
 * Why a datagram was not accepted as an RTP packet (RFC 3550 §5.1, §5.3.1) or why an RFC 8285 header extension block
 * could not be walked. Parsers return one of these instead of throwing, so a relay can count drops by cause.
 */
public enum RtpDropReason {
    /** Shorter than the fixed header, or than the CSRC list / extension header it announces. */
    TRUNCATED,
    /** The version field is not 2. */
    BAD_VERSION,
    /** The P bit is set but the padding count is 0 or larger than what follows the header. */
    BAD_PADDING,
    /** The X bit is set but the extension length runs past the end of the packet. */
    BAD_EXTENSION,
    /** An RFC 8285 element header or value runs past the end of its extension block. */
    BAD_EXTENSION_ELEMENT
}
