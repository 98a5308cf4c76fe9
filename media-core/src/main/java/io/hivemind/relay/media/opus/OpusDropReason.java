package io.hivemind.relay.media.opus;

/**
 * Why {@link OpusToc#parse} rejected a packet: the framing requirements of RFC 6716 §3.4, [R1]..[R7].
 * {@link #NONE} means the packet is well formed.
 */
public enum OpusDropReason {
    NONE,
    /** [R1] a packet is at least one byte. */
    EMPTY,
    /** [R2] a frame, explicit or implicit, is longer than 1275 bytes. */
    FRAME_TOO_LONG,
    /** [R3] a code 1 packet's payload does not split into two equal halves. */
    ODD_CODE1_PAYLOAD,
    /** [R4] a code 2 packet's first frame length is missing or runs past the packet. */
    BAD_CODE2_LENGTH,
    /** [R6] a code 3 packet without its frame count byte. */
    MISSING_FRAME_COUNT,
    /** [R5] a code 3 packet announcing zero frames. */
    NO_FRAMES,
    /** [R5] a code 3 packet lasting more than 120 ms. */
    OVER_120_MS,
    /** [R6]/[R7] the padding length bytes or the padding run past the packet. */
    BAD_PADDING,
    /** [R6] a CBR code 3 payload that is not a multiple of the frame count. */
    CBR_NOT_DIVISIBLE,
    /** [R7] a VBR code 3 packet too short for its frame lengths and frames. */
    VBR_TRUNCATED
}
