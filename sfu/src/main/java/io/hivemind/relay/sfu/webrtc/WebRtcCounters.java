package io.hivemind.relay.sfu.webrtc;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Packet counts of one {@link WebRtcTransport}, or the totals of every transport of one media loop
 * ({@link WebRtcStats}): plain longs written only by that event loop; read them there (through the room's
 * {@code call}). A transport's drops and ICE consent expiries also go to its loop's totals, which outlive it.
 */
public final class WebRtcCounters {

    private static final WebRtcDropReason[] REASONS = WebRtcDropReason.values();

    private final long[] drops = new long[REASONS.length];
    /** The loop's totals this transport also counts into, or null for the totals themselves. */
    private final WebRtcCounters loopTotals;
    long rtpIn;
    long rtcpIn;
    long rtpOut;
    long rtcpOut;
    private long consentExpiries;

    WebRtcCounters(WebRtcCounters loopTotals) {
        this.loopTotals = loopTotals;
    }

    void drop(WebRtcDropReason reason) {
        drops[reason.ordinal()]++;
        if (loopTotals != null) {
            loopTotals.drop(reason);
        }
    }

    /** ICE consent expired (RFC 7675), or no check ever arrived: an ICE failure. */
    void consentExpired() {
        consentExpiries++;
        if (loopTotals != null) {
            loopTotals.consentExpired();
        }
    }

    /** ICE failures: consent expiries, including transports that never received a valid check. */
    public long consentExpiries() {
        return consentExpiries;
    }

    public long drops(WebRtcDropReason reason) {
        return drops[reason.ordinal()];
    }

    /** SRTP packets that authenticated and went to the room. */
    public long rtpIn() {
        return rtpIn;
    }

    public long rtcpIn() {
        return rtcpIn;
    }

    /** RTP packets protected and written to the selected tuple. */
    public long rtpOut() {
        return rtpOut;
    }

    public long rtcpOut() {
        return rtcpOut;
    }

    /** Every drop count, zeros included. */
    public Map<WebRtcDropReason, Long> dropSnapshot() {
        EnumMap<WebRtcDropReason, Long> copy = new EnumMap<>(WebRtcDropReason.class);
        for (WebRtcDropReason reason : REASONS) {
            copy.put(reason, drops[reason.ordinal()]);
        }
        return Collections.unmodifiableMap(copy);
    }
}
