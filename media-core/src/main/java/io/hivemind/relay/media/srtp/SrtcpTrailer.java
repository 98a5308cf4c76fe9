package io.hivemind.relay.media.srtp;

/**
 * The 32-bit word SRTCP appends to every packet (RFC 3711 §3.4): the E flag, set when the payload is encrypted, then
 * the 31-bit SRTCP index.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |E|                         SRTCP index                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
final class SrtcpTrailer {

    static final int LENGTH = 4;
    static final int E_FLAG = 0x8000_0000;
    static final int INDEX_MASK = 0x7fff_ffff;
    /** The SRTCP header stays in clear: V/P/RC, PT, length and the sender SSRC (RFC 3711 §3.4). */
    static final int CLEAR_HEADER_LENGTH = 8;

    private SrtcpTrailer() {
    }

    static boolean encrypted(int trailer) {
        return (trailer & E_FLAG) != 0;
    }

    static int index(int trailer) {
        return trailer & INDEX_MASK;
    }
}
