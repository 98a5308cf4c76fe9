package io.hivemind.relay.media.srtp;

/**
 * Per-SSRC state of one {@link SrtpContext}: the SRTP index state (ROC and s_l are the high 32 and low 16 bits of the
 * highest accepted index, RFC 3711 §3.3.1) with its replay window, and the SRTCP index state.
 */
final class SrtpStream {

    /** Indexes are 48 bits: 32-bit ROC and 16-bit SEQ (RFC 3711 §3.3.1). */
    static final long MAX_INDEX = (1L << 48) - 1;
    private static final int SEQ_HALF = 1 << 15;

    int ssrc;
    /** In the table; false while a receive-side stream waits for its first packet to authenticate. */
    boolean registered;
    /** Position in the table's pool of stream objects. */
    int poolIndex;
    final ReplayWindow rtpWindow = new ReplayWindow();
    final ReplayWindow rtcpWindow = new ReplayWindow();
    /** Sender side: the SRTCP index the next protected packet carries. */
    int nextSrtcpIndex;

    /**
     * The packet index a sequence number most likely stands for (RFC 3711 §3.3.1, Appendix A): the ROC of the highest
     * index, one less or one more, whichever puts SEQ closest to s_l. Before the first packet ROC is 0.
     *
     * @return the index, -1 when the guess lies before ROC 0, above {@link #MAX_INDEX} when the ROC would overflow
     */
    long guessIndex(int seq) {
        long highest = rtpWindow.highest();
        if (highest < 0) {
            return seq;
        }
        long roc = highest >>> 16;
        int sl = (int) (highest & 0xffff);
        long v = roc;
        if (sl < SEQ_HALF) {
            if (seq - sl > SEQ_HALF) {
                v = roc - 1;
            }
        } else if (sl - SEQ_HALF > seq) {
            v = roc + 1;
        }
        if (v < 0) {
            return -1;
        }
        return v << 16 | seq;
    }

    void reset(int ssrc) {
        this.ssrc = ssrc;
        registered = false;
        rtpWindow.reset();
        rtcpWindow.reset();
        nextSrtcpIndex = 0;
    }
}
