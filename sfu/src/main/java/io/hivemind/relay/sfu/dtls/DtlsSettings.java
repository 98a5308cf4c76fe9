package io.hivemind.relay.sfu.dtls;

import io.hivemind.relay.media.srtp.SrtpProfile;
import java.time.Duration;
import java.util.List;

/**
 * Tunables of a {@link DtlsEndpoint}.
 *
 * @param handshakeTimeout how long the whole handshake may take before the endpoint fails with
 *                         {@link DtlsFailureReason#HANDSHAKE_TIMEOUT}; retransmission within it follows BC's timers
 *                         (RFC 6347 §4.2.4)
 * @param queueCapacity    datagrams buffered between {@link DtlsEndpoint#offer} and the DTLS thread
 * @param sendLimit        largest datagram we send; 1200 keeps a flight inside any path MTU a browser uses
 * @param srtpProfiles     SRTP protection profiles in preference order: as a server we pick the first the client
 *                         offers, as a client we offer exactly these (RFC 5764 §4.1.1)
 */
public record DtlsSettings(Duration handshakeTimeout, int queueCapacity, int sendLimit,
                           List<SrtpProfile> srtpProfiles) {

    /** The order used unless configured: AES-GCM first (cheaper, RFC 7714), then the mandatory CM-80. */
    public static final List<SrtpProfile> DEFAULT_SRTP_PROFILES = List.of(SrtpProfile.AEAD_AES_128_GCM,
            SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.AEAD_AES_256_GCM, SrtpProfile.AES_CM_128_HMAC_SHA1_32);

    /** Smallest send limit that still fits a record header, a handshake fragment header and some payload. */
    static final int MIN_SEND_LIMIT = 64;

    public DtlsSettings {
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()
                || handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("handshake timeout must be positive and below 2^31 ms");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1");
        }
        if (sendLimit < MIN_SEND_LIMIT || sendLimit > DtlsEndpoint.RECEIVE_LIMIT) {
            throw new IllegalArgumentException("send limit must be within " + MIN_SEND_LIMIT + ".."
                    + DtlsEndpoint.RECEIVE_LIMIT);
        }
        srtpProfiles = List.copyOf(srtpProfiles);
        if (srtpProfiles.isEmpty() || srtpProfiles.stream().distinct().count() != srtpProfiles.size()) {
            throw new IllegalArgumentException("SRTP profiles must be non-empty and distinct");
        }
    }

    /** 10 s handshake timeout, 64 queued datagrams, 1200-byte datagrams, {@link #DEFAULT_SRTP_PROFILES}. */
    public static DtlsSettings defaults() {
        return new DtlsSettings(Duration.ofSeconds(10), 64, 1200, DEFAULT_SRTP_PROFILES);
    }

    public DtlsSettings withHandshakeTimeout(Duration timeout) {
        return new DtlsSettings(timeout, queueCapacity, sendLimit, srtpProfiles);
    }

    public DtlsSettings withQueueCapacity(int capacity) {
        return new DtlsSettings(handshakeTimeout, capacity, sendLimit, srtpProfiles);
    }

    public DtlsSettings withSendLimit(int limit) {
        return new DtlsSettings(handshakeTimeout, queueCapacity, limit, srtpProfiles);
    }

    public DtlsSettings withSrtpProfiles(List<SrtpProfile> profiles) {
        return new DtlsSettings(handshakeTimeout, queueCapacity, sendLimit, profiles);
    }
}
