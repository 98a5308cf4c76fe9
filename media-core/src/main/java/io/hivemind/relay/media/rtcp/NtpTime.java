package io.hivemind.relay.media.rtcp;

/**
 * 64-bit NTP timestamps as carried in RTCP (RFC 3550 §4): seconds since 1900-01-01 UTC in the high 32 bits and a
 * binary fraction of a second in the low 32 bits, plus the 32-bit "compact" form (16.16 fixed point) used by LSR,
 * DLSR and the round-trip time of RFC 3550 §6.4.1.
 *
 * <p>The seconds field wraps in 2036; following RFC 4330 §3, a timestamp whose most significant bit is clear is
 * read as era 1 (2036-02-07 onwards), so conversions cover 1968 to 2104. Conversions round to the nearest unit, so
 * nanoseconds survive a round trip exactly (one fraction unit is about 0.23 ns).
 */
public final class NtpTime {
    /** Seconds from 1900-01-01 to 1970-01-01 (70 years, 17 of them leap years). */
    public static final long UNIX_EPOCH_OFFSET_SECONDS = 2_208_988_800L;
    /** Compact (16.16) units per second: DLSR counts in 1/65536 s. */
    public static final long COMPACT_UNITS_PER_SECOND = 1L << 16;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MILLIS_PER_SECOND = 1_000L;
    private static final long FRACTION_UNITS = 1L << 32;
    private static final long ERA_LENGTH_SECONDS = 1L << 32;
    private static final long LOW_32 = 0xFFFF_FFFFL;

    private NtpTime() {
    }

    /** NTP timestamp of a Unix time in milliseconds. */
    public static long fromUnixMillis(long unixMillis) {
        long seconds = Math.floorDiv(unixMillis, MILLIS_PER_SECOND);
        long millis = Math.floorMod(unixMillis, MILLIS_PER_SECOND);
        return compose(seconds, toFraction(millis, MILLIS_PER_SECOND));
    }

    /** NTP timestamp of a Unix time in nanoseconds. */
    public static long fromUnixNanos(long unixNanos) {
        long seconds = Math.floorDiv(unixNanos, NANOS_PER_SECOND);
        long nanos = Math.floorMod(unixNanos, NANOS_PER_SECOND);
        return compose(seconds, toFraction(nanos, NANOS_PER_SECOND));
    }

    /** Unix time in milliseconds of an NTP timestamp, rounded to the nearest millisecond. */
    public static long toUnixMillis(long ntp) {
        return unixSeconds(ntp) * MILLIS_PER_SECOND + fromFraction(ntp & LOW_32, MILLIS_PER_SECOND);
    }

    /** Unix time in nanoseconds of an NTP timestamp, rounded to the nearest nanosecond. */
    public static long toUnixNanos(long ntp) {
        return unixSeconds(ntp) * NANOS_PER_SECOND + fromFraction(ntp & LOW_32, NANOS_PER_SECOND);
    }

    /** The middle 32 bits of a 64-bit NTP timestamp: what a receiver echoes as LSR (RFC 3550 §6.4.1). */
    public static long middle32(long ntp) {
        return ntp >>> 16 & LOW_32;
    }

    /** A duration in nanoseconds as compact units (1/65536 s), rounded, for DLSR; negative durations give 0. */
    public static long compactFromNanos(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        long seconds = nanos / NANOS_PER_SECOND;
        long rest = nanos % NANOS_PER_SECOND;
        long units = seconds * COMPACT_UNITS_PER_SECOND
                + (rest * COMPACT_UNITS_PER_SECOND + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
        return Math.min(units, LOW_32);
    }

    /** Compact units (1/65536 s) as nanoseconds, rounded. */
    public static long compactToNanos(long compact) {
        return (compact >>> 16) * NANOS_PER_SECOND
                + ((compact & 0xFFFF) * NANOS_PER_SECOND + COMPACT_UNITS_PER_SECOND / 2) / COMPACT_UNITS_PER_SECOND;
    }

    /**
     * Round-trip time of RFC 3550 §6.4.1 in compact units: RTT = A - LSR - DLSR modulo 2^32, where A is the middle
     * 32 bits of the NTP time the report block arrived. Returns -1 when there is no measurement (LSR is 0) or
     * when the result is negative as a signed 32-bit value (clock skew or a stale block).
     */
    public static long roundTripCompact(long arrivalMiddle32, long lastSenderReport, long delaySinceLastSr) {
        if (lastSenderReport == 0) {
            return -1;
        }
        int rtt = (int) (arrivalMiddle32 - lastSenderReport - delaySinceLastSr);
        return rtt < 0 ? -1 : rtt;
    }

    private static long compose(long unixSeconds, long fraction) {
        return (unixSeconds + UNIX_EPOCH_OFFSET_SECONDS) << 32 | fraction;
    }

    private static long unixSeconds(long ntp) {
        long seconds = ntp >>> 32;
        if ((seconds & 0x8000_0000L) == 0) {
            seconds += ERA_LENGTH_SECONDS;
        }
        return seconds - UNIX_EPOCH_OFFSET_SECONDS;
    }

    /** {@code part / perSecond} of a second as a 32-bit fraction, rounded half up; part < perSecond. */
    private static long toFraction(long part, long perSecond) {
        return ((part << 32) + perSecond / 2) / perSecond;
    }

    private static long fromFraction(long fraction, long perSecond) {
        return (fraction * perSecond + FRACTION_UNITS / 2) >>> 32;
    }
}
