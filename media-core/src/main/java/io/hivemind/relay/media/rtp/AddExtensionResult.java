package io.hivemind.relay.media.rtp;

/** Outcome of {@link RtpPacketWriter#writeWithExtension}; on anything but {@link #ADDED} nothing was written. */
public enum AddExtensionResult {
    /** The packet was written with the new element. */
    ADDED,
    /** The packet already carries an element with that ID. */
    DUPLICATE_ID,
    /** The packet carries a header extension that is not RFC 8285, which cannot hold elements. */
    FOREIGN_PROFILE,
    /** The packet's extension block does not walk (see {@link HeaderExtensions#dropReason()}). */
    MALFORMED_BLOCK,
    /** The destination buffer cannot grow enough for the result. */
    NO_ROOM
}
