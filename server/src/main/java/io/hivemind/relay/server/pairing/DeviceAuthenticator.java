package io.hivemind.relay.server.pairing;

import io.hivemind.relay.server.store.DeviceStore;
import io.hivemind.relay.server.store.PairedDevice;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks device tokens, the alternative to a relay JWT for a paired phone: {@link #verify(String)} answers from an
 * in-memory index of token hashes (loaded from {@link DeviceStore} at start, updated as devices pair and are revoked),
 * so it is cheap and safe on an event loop. Revocation takes effect in the index before it is written, so a revoked
 * token is refused from the next request on. Last-seen times are persisted at most once per {@link #SEEN_PERSIST}
 * per device, so a chatty phone does not turn every request into a write.
 */
public final class DeviceAuthenticator {

    /** How often a device's last-seen time is written at most. */
    static final Duration SEEN_PERSIST = Duration.ofMinutes(1);
    private static final int MAX_TOKEN_CHARS = 256;
    private static final Logger LOG = LoggerFactory.getLogger(DeviceAuthenticator.class);

    private static final class Entry {
        volatile PairedDevice device;
        volatile Instant persistedSeen;

        Entry(PairedDevice device) {
            this.device = device;
            this.persistedSeen = device.lastSeenAt();
        }
    }

    private final DeviceStore store;
    private final Clock clock;
    /** By the hex SHA-256 of the token. */
    private final Map<String, Entry> byTokenHash = new ConcurrentHashMap<>();
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();

    private DeviceAuthenticator(DeviceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Loads the stored devices. Blocking: call it at start, not on an event loop. */
    public static DeviceAuthenticator load(DeviceStore store, Clock clock) {
        DeviceAuthenticator devices = new DeviceAuthenticator(Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(clock, "clock"));
        for (DeviceStore.StoredDevice stored : store.loadAll().join()) {
            devices.index(stored.device(), stored.tokenSha256());
        }
        return devices;
    }

    /**
     * The paired device whose token is {@code bearer}.
     *
     * @throws SignalingException {@link ErrorCode#TOKEN_MISSING} without a token, {@link ErrorCode#TOKEN_INVALID}
     *                            for an unknown or revoked one (the message never contains the token)
     */
    public PairedDevice verify(String bearer) {
        if (bearer == null || bearer.isEmpty()) {
            throw new SignalingException(ErrorCode.TOKEN_MISSING, "device token missing");
        }
        if (bearer.length() > MAX_TOKEN_CHARS) {
            throw new SignalingException(ErrorCode.TOKEN_INVALID, "device token is not valid");
        }
        Entry entry = byTokenHash.get(HexFormat.of().formatHex(DeviceToken.sha256(bearer)));
        if (entry == null) {
            throw new SignalingException(ErrorCode.TOKEN_INVALID, "device token is not valid");
        }
        PairedDevice device = entry.device;
        if (device.revoked()) {
            throw new SignalingException(ErrorCode.TOKEN_INVALID, "device has been revoked");
        }
        seen(entry, clock.instant());
        return entry.device;
    }

    /** Every paired device, revoked ones included, oldest first. */
    public List<PairedDevice> list() {
        return byId.values().stream().map(entry -> entry.device)
                .sorted(Comparator.comparing(PairedDevice::createdAt).thenComparing(PairedDevice::id)).toList();
    }

    /**
     * Revokes the device now; completes true when it was paired and not yet revoked, false otherwise. The token
     * stops working before the write completes.
     */
    public CompletableFuture<Boolean> revoke(String deviceId) {
        Entry entry = byId.get(deviceId);
        if (entry == null) {
            return CompletableFuture.completedFuture(false);
        }
        Instant now = clock.instant();
        synchronized (entry) {
            if (entry.device.revoked()) {
                return CompletableFuture.completedFuture(false);
            }
            entry.device = entry.device.revokedAt(now);
        }
        LOG.info("[pairing] device {} ({}) revoked", deviceId, entry.device.name());
        return store.revoke(deviceId, now);
    }

    /** Stores a newly paired device and starts accepting its token once stored. */
    CompletableFuture<PairedDevice> register(PairedDevice device, DeviceToken token) {
        byte[] hash = token.sha256();
        return store.insert(device, hash).thenApply(stored -> {
            index(device, hash);
            return device;
        });
    }

    private void index(PairedDevice device, byte[] tokenSha256) {
        Entry entry = new Entry(device);
        byTokenHash.put(HexFormat.of().formatHex(tokenSha256), entry);
        byId.put(device.id(), entry);
    }

    private void seen(Entry entry, Instant now) {
        boolean persist;
        synchronized (entry) {
            entry.device = entry.device.seenAt(now);
            Instant persisted = entry.persistedSeen;
            persist = persisted == null || !now.isBefore(persisted.plus(SEEN_PERSIST));
            if (persist) {
                entry.persistedSeen = now;
            }
        }
        if (persist) {
            String id = entry.device.id();
            store.touch(id, now).whenComplete((done, failure) -> {
                if (failure != null) {
                    LOG.warn("[pairing] recording last-seen of device {} failed: {}", id, failure.toString());
                }
            });
        }
    }
}
