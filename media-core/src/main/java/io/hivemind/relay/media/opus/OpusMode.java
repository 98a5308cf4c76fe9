package io.hivemind.relay.media.opus;

/** The coding mode a TOC configuration selects (RFC 6716 §3.1, Table 2). */
public enum OpusMode {
    /** Linear prediction layer only (configs 0..11). */
    SILK,
    /** SILK below 8 kHz plus CELT above (configs 12..15). */
    HYBRID,
    /** MDCT layer only (configs 16..31). */
    CELT
}
