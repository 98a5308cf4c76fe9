package io.hivemind.relay.media.rtcp;

import io.hivemind.relay.media.time.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** NTP timestamps, LSR/DLSR and the round-trip time of RFC 3550 §4 and §6.4.1. */
class NtpTimeTest {

    private static long unixMillis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void theUnixEpochIs2208988800SecondsAfterTheNtpEpoch() {
        assertThat(NtpTime.UNIX_EPOCH_OFFSET_SECONDS).isEqualTo((70 * 365 + 17) * 86_400L);
        assertThat(NtpTime.fromUnixMillis(0)).isEqualTo(2_208_988_800L << 32);
        assertThat(NtpTime.toUnixNanos(2_208_988_800L << 32)).isZero();
    }

    /**
     * RFC 3550 §6.4.1 Figure 2: the SR sent at 10 Nov 1995 11:33:25.125 UTC carries ntp_sec=0xb44db705,
     * ntp_frac=0x20000000, so LSR = 0xb705:2000; the RR arrives at A = 0xb710:8000 (11:33:36.5 UTC) with
     * DLSR = 0x0005:4000 (5.25 s), giving a delay of 0x0006:2000 = 6.125 s.
     */
    @Test
    void rfc3550Figure2() {
        long sr = 0xb44db705_20000000L;
        assertThat(NtpTime.toUnixMillis(sr)).isEqualTo(unixMillis("1995-11-10T11:33:25.125Z"));
        assertThat(NtpTime.fromUnixMillis(unixMillis("1995-11-10T11:33:25.125Z"))).isEqualTo(sr);
        assertThat(NtpTime.middle32(sr)).isEqualTo(0xb7052000L);

        long arrival = NtpTime.middle32(NtpTime.fromUnixMillis(unixMillis("1995-11-10T11:33:36.500Z")));
        assertThat(arrival).isEqualTo(0xb7108000L);

        ManualClock clock = new ManualClock(123_456_789L);
        long srReceivedAt = clock.nanoTime();
        clock.advanceMillis(5_250);
        long dlsr = NtpTime.compactFromNanos(clock.nanoTime() - srReceivedAt);
        assertThat(dlsr).isEqualTo(0x00054000L);

        long rtt = NtpTime.roundTripCompact(arrival, 0xb7052000L, dlsr);
        assertThat(rtt).isEqualTo(0x00062000L);
        assertThat(NtpTime.compactToNanos(rtt)).isEqualTo(6_125_000_000L);
    }

    @Test
    void noRoundTripWithoutAnSrOrWithANegativeResult() {
        assertThat(NtpTime.roundTripCompact(0xb7108000L, 0, 0x54000)).isEqualTo(-1);
        assertThat(NtpTime.roundTripCompact(0x00010000L, 0x00020000L, 0)).isEqualTo(-1);
        assertThat(NtpTime.roundTripCompact(0x00001000L, 0xFFFFF000L, 0x1000)).isEqualTo(0x1000);
    }

    static Stream<Arguments> instants() {
        return Stream.of(
                argumentSet("Unix epoch", "1970-01-01T00:00:00Z", 0x83AA7E80_00000000L),
                argumentSet("half a second", "1970-01-01T00:00:00.500Z", 0x83AA7E80_80000000L),
                argumentSet("before 1970", "1969-12-31T23:59:59Z", 0x83AA7E7F_00000000L),
                argumentSet("last second of era 0", "2036-02-07T06:28:15Z", 0xFFFFFFFF_00000000L),
                argumentSet("first second of era 1", "2036-02-07T06:28:16Z", 0L),
                // 2040-01-01 is 2208988800 s after 1970, so 2 x 2208988800 - 2^32 = 0x0754FD00 s into era 1.
                argumentSet("2040 in era 1", "2040-01-01T00:00:00Z", 0x0754FD00_00000000L));
    }

    @ParameterizedTest
    @MethodSource("instants")
    void convertsWallClockBothWays(String instant, long ntp) {
        long millis = unixMillis(instant);
        assertThat(NtpTime.fromUnixMillis(millis)).isEqualTo(ntp);
        assertThat(NtpTime.toUnixMillis(ntp)).isEqualTo(millis);
        assertThat(NtpTime.toUnixNanos(NtpTime.fromUnixNanos(millis * 1_000_000))).isEqualTo(millis * 1_000_000);
    }

    static Stream<Arguments> nanos() {
        return Stream.of(
                argumentSet("zero", 0L),
                argumentSet("one nanosecond", 1L),
                argumentSet("last nanosecond of a second", 999_999_999L),
                argumentSet("one before the epoch", -1L),
                argumentSet("2023", 1_700_000_000_123_456_789L),
                argumentSet("2100", 4_102_444_800_999_999_999L));
    }

    @ParameterizedTest
    @MethodSource("nanos")
    void nanosecondsSurviveARoundTrip(long unixNanos) {
        long ntp = NtpTime.fromUnixNanos(unixNanos);
        assertThat(NtpTime.toUnixNanos(ntp)).isEqualTo(unixNanos);
        assertThat(NtpTime.toUnixMillis(ntp)).isEqualTo(Math.round(unixNanos / 1e6));
    }

    @Test
    void compactUnitsAre65536thsOfASecond() {
        assertThat(NtpTime.compactFromNanos(1_000_000_000L)).isEqualTo(65_536);
        assertThat(NtpTime.compactFromNanos(15_259L)).isEqualTo(1);
        assertThat(NtpTime.compactFromNanos(-5)).isZero();
        assertThat(NtpTime.compactFromNanos(Long.MAX_VALUE)).isEqualTo(0xFFFF_FFFFL);
        assertThat(NtpTime.compactToNanos(0x8000)).isEqualTo(500_000_000L);
        assertThat(NtpTime.compactToNanos(0xFFFF_FFFFL)).isEqualTo(65_535_999_984_741L);
    }
}
