package io.hivemind.relay.sfu.room;

import java.time.Duration;

/**
 * Per-room settings.
 *
 * @param maxParticipants        participants allowed at once
 * @param tickInterval           period of the room's housekeeping task (active speaker, transport ticks)
 * @param rtcpTicks              RTCP reports go out every this many ticks (RFC 3550 §6.2 allows a fixed interval
 *                               for a translator that is not bandwidth-limited)
 * @param speechThresholdDbov    a smoothed level at or above -this dBov counts as speech (RFC 6464 levels)
 * @param speakerSwitchIntervals ticks a challenger must stay louder than the dominant speaker before it takes over
 * @param retransmissionSlots    packets kept per producer for NACK, a power of two (256 × 20 ms = 5 s)
 * @param emptyTimeout           a room nobody has joined yet closes this long after its creation (LiveKit's
 *                               {@code empty_timeout})
 * @param departureTimeout       a room closes this long after its last participant left, unless someone joins
 *                               (LiveKit's {@code departure_timeout})
 */
public record RoomConfig(int maxParticipants, Duration tickInterval, int rtcpTicks, int speechThresholdDbov,
                         int speakerSwitchIntervals, int retransmissionSlots, Duration emptyTimeout,
                         Duration departureTimeout) {

    /**
     * 100 participants, 200 ms ticks, RTCP every second, speech at -50 dBov, switch after 3 ticks, 256 slots, an
     * unused room closed after 5 minutes and an abandoned one 20 seconds after the last participant left.
     */
    public static final RoomConfig DEFAULT = new RoomConfig(100, Duration.ofMillis(200), 5, 50, 3, 256,
            Duration.ofMinutes(5), Duration.ofSeconds(20));

    public RoomConfig {
        if (maxParticipants < 1) {
            throw new IllegalArgumentException("maxParticipants must be at least 1: " + maxParticipants);
        }
        if (tickInterval.isNegative() || tickInterval.isZero()) {
            throw new IllegalArgumentException("tickInterval must be positive: " + tickInterval);
        }
        if (rtcpTicks < 1 || speakerSwitchIntervals < 1) {
            throw new IllegalArgumentException("rtcpTicks and speakerSwitchIntervals must be at least 1");
        }
        if (speechThresholdDbov < 0 || speechThresholdDbov > 127) {
            throw new IllegalArgumentException("speechThresholdDbov must be 0..127: " + speechThresholdDbov);
        }
        if (retransmissionSlots < 64 || Integer.bitCount(retransmissionSlots) != 1) {
            throw new IllegalArgumentException("retransmissionSlots must be a power of two >= 64: "
                    + retransmissionSlots);
        }
        if (emptyTimeout.isNegative() || emptyTimeout.isZero()
                || departureTimeout.isNegative() || departureTimeout.isZero()) {
            throw new IllegalArgumentException("emptyTimeout and departureTimeout must be positive: " + emptyTimeout
                    + ", " + departureTimeout);
        }
    }

    /** This configuration with another participant cap. */
    public RoomConfig withMaxParticipants(int maxParticipants) {
        return new RoomConfig(maxParticipants, tickInterval, rtcpTicks, speechThresholdDbov, speakerSwitchIntervals,
                retransmissionSlots, emptyTimeout, departureTimeout);
    }

    /** This configuration with other empty and departure timeouts. */
    public RoomConfig withTimeouts(Duration emptyTimeout, Duration departureTimeout) {
        return new RoomConfig(maxParticipants, tickInterval, rtcpTicks, speechThresholdDbov, speakerSwitchIntervals,
                retransmissionSlots, emptyTimeout, departureTimeout);
    }
}
