package io.hivemind.relay.sfu.webrtc;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Packet counts of one {@link WebRtcTransport}: plain longs written only by its event loop; read them there (through
 * the room's {@code call}).
 */
public final class WebRtcCounters {

    private static final WebRtcDropReason[] REASONS = WebRtcDropReason.values();

    private final long[] drops = new long[REASONS.length];
    long rtpIn;
    long rtcpIn;
    long rtpOut;
    long rtcpOut;

    void drop(WebRtcDropReason reason) {
        drops[reason.ordinal()]++;
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
