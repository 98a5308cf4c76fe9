package io.hivemind.relay.server.pairing;

import io.hivemind.relay.server.store.PairedDevice;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phone pairing: an admin {@linkplain #createCode issues} a one-time code (text and QR), the phone
 * {@linkplain #exchange exchanges} it for a device token which {@link DeviceAuthenticator} accepts from then on.
 * Failed exchanges are throttled per remote address and globally ({@link PairingThrottle}). Neither codes in use
 * nor tokens are ever logged.
 */
public final class PairingService {

    /** The most characters kept of a device name. */
    static final int MAX_NAME_CHARS = 64;
    private static final Logger LOG = LoggerFactory.getLogger(PairingService.class);

    /** What a phone receives once: its id and its bearer token. {@link #toString()} hides the token. */
    public record DeviceCredentials(String deviceId, String token) {
        @Override
        public String toString() {
            return "DeviceCredentials[deviceId=" + deviceId + ", token=redacted]";
        }
    }

    private final DeviceAuthenticator devices;
    private final Clock clock;
    private final SecureRandom random;
    private final PairingCodeBook codes;
    private final PairingThrottle throttle;

    public PairingService(DeviceAuthenticator devices, Clock clock) {
        this(devices, clock, new SecureRandom(), PairingThrottle.Limits.DEFAULT);
    }

    PairingService(DeviceAuthenticator devices, Clock clock, SecureRandom random, PairingThrottle.Limits limits) {
        this.devices = Objects.requireNonNull(devices, "devices");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.codes = new PairingCodeBook(random);
        this.throttle = new PairingThrottle(limits);
    }

    /** The device tokens this service hands out. */
    public DeviceAuthenticator devices() {
        return devices;
    }

    /**
     * Issues a one-time code valid for five minutes, with the URL a phone opens ({@code <baseUrl>/pair?code=...})
     * and that URL as a QR code.
     */
    public PairingCode createCode(String baseUrl) {
        Instant now = clock.instant();
        String code = codes.issue(now);
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String url = base + "/pair?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
        LOG.info("[pairing] pairing code issued, valid until {}", now.plus(PairingCodeBook.LIFETIME));
        return new PairingCode(code, now.plus(PairingCodeBook.LIFETIME), url, QrSvg.render(url));
    }

    /**
     * Exchanges {@code code} for a new device named {@code deviceName}. Fails (synchronously) with
     * {@code rate_limited} while {@code remoteAddress} or everyone has too many recent failures, and with
     * {@code pairing_code_invalid}, {@code pairing_code_used} or {@code pairing_code_expired}, each counted as a
     * failure. The returned future completes once the device is stored.
     *
     * @param remoteAddress who is asking (an address string), the unit of the per-address limit
     */
    public CompletableFuture<DeviceCredentials> exchange(String code, String deviceName, String remoteAddress) {
        String name = deviceName(deviceName);
        Instant now = clock.instant();
        throttle.check(remoteAddress, now);
        try {
            codes.redeem(code, now);
        } catch (SignalingException e) {
            throttle.failed(remoteAddress, now);
            LOG.info("[pairing] exchange from {} refused: {}", remoteAddress, e.code().wireName());
            throw e;
        }
        DeviceToken token = DeviceToken.generate(random);
        PairedDevice device = new PairedDevice(UUID.randomUUID().toString(), name, now, null, null);
        return devices.register(device, token).thenApply(stored -> {
            LOG.info("[pairing] device {} ({}) paired from {}", stored.id(), stored.name(), remoteAddress);
            return new DeviceCredentials(stored.id(), token.value());
        });
    }

    private static String deviceName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw new SignalingException(ErrorCode.BAD_REQUEST, "deviceName is required (printable text)");
        }
        return trimmed.codePointCount(0, trimmed.length()) <= MAX_NAME_CHARS ? trimmed
                : trimmed.substring(0, trimmed.offsetByCodePoints(0, MAX_NAME_CHARS));
    }
}
