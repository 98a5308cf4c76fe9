package io.hivemind.relay.sfu.webrtc;

import io.hivemind.relay.media.time.NanoClock;
import io.hivemind.relay.sfu.dtls.DtlsCertificate;
import io.hivemind.relay.sfu.dtls.DtlsCounters;
import io.hivemind.relay.sfu.dtls.DtlsSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What every {@link WebRtcTransport} of a server shares: built once at startup.
 *
 * @param certificate    the server's DTLS certificate; its fingerprint goes into every SDP we write
 * @param dtls           DTLS tunables (handshake timeout, SRTP profile order)
 * @param dtlsExecutor   the {@code dtls-handshake} executor: one long-lived task per connected transport, so it must
 *                       hold one thread per transport (a cached pool, or one sized to the transport limit)
 * @param dtlsCounters   shared DTLS counters for metrics
 * @param clock          the clock ICE consent is measured with; the room's periodic task passes its own reading of
 *                       the same clock to {@code tick}
 * @param consentTimeout no authenticated ICE check for this long and the transport is dead (RFC 7675 §5.1: 30 s)
 * @param maxSrtpStreams SSRCs each SRTP context tracks; a client PeerConnection has a few
 * @param stats          per-loop totals of the transports' drops and ICE failures, for metrics
 */
public record WebRtcTransportConfig(DtlsCertificate certificate, DtlsSettings dtls, Executor dtlsExecutor,
        DtlsCounters dtlsCounters, NanoClock clock, Duration consentTimeout, int maxSrtpStreams, WebRtcStats stats) {

    /** SSRCs per SRTP context unless configured: audio, RTX and a few subscriptions, with room to spare. */
    public static final int DEFAULT_MAX_SRTP_STREAMS = 64;

    public WebRtcTransportConfig {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(dtls, "dtls");
        Objects.requireNonNull(dtlsExecutor, "dtlsExecutor");
        Objects.requireNonNull(dtlsCounters, "dtlsCounters");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(stats, "stats");
        if (consentTimeout.isNegative() || consentTimeout.isZero()) {
            throw new IllegalArgumentException("consent timeout must be positive: " + consentTimeout);
        }
        if (maxSrtpStreams < 1) {
            throw new IllegalArgumentException("maxSrtpStreams must be at least 1: " + maxSrtpStreams);
        }
    }
}
