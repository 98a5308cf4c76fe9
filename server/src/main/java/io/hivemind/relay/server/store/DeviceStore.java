package io.hivemind.relay.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Paired devices in {@link RelayDatabase}. A device's token is never stored, only its SHA-256; every future
 * completes after its transaction committed.
 */
public final class DeviceStore {

    /** Length of a stored token hash (SHA-256). */
    public static final int TOKEN_HASH_BYTES = 32;

    /** A stored device with the hash of its token (for the in-memory token index). */
    public record StoredDevice(PairedDevice device, byte[] tokenSha256) {

        public StoredDevice {
            Objects.requireNonNull(device, "device");
            tokenSha256 = tokenSha256.clone();
        }

        @Override
        public byte[] tokenSha256() {
            return tokenSha256.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof StoredDevice stored && device.equals(stored.device)
                    && Arrays.equals(tokenSha256, stored.tokenSha256);
        }

        @Override
        public int hashCode() {
            return device.hashCode() * 31 + Arrays.hashCode(tokenSha256);
        }

        @Override
        public String toString() {
            return "StoredDevice[" + device + "]";
        }
    }

    private final RelayDatabase database;

    public DeviceStore(RelayDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** Stores a newly paired device. */
    public CompletableFuture<Void> insert(PairedDevice device, byte[] tokenSha256) {
        if (tokenSha256.length != TOKEN_HASH_BYTES) {
            throw new IllegalArgumentException("token hash must be " + TOKEN_HASH_BYTES + " bytes");
        }
        byte[] hash = tokenSha256.clone();
        return database.transact(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO paired_device (id, name, "
                    + "token_sha256, created_at, last_seen_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, device.id());
                insert.setString(2, device.name());
                insert.setBytes(3, hash);
                insert.setLong(4, device.createdAt().toEpochMilli());
                setInstant(insert, 5, device.lastSeenAt());
                setInstant(insert, 6, device.revokedAt());
                insert.executeUpdate();
                return null;
            }
        });
    }

    /** Every device, oldest first, with its token hash. */
    public CompletableFuture<List<StoredDevice>> loadAll() {
        return database.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, name, token_sha256, created_at, "
                    + "last_seen_at, revoked_at FROM paired_device ORDER BY created_at, id");
                 ResultSet rows = select.executeQuery()) {
                List<StoredDevice> devices = new ArrayList<>();
                while (rows.next()) {
                    PairedDevice device = new PairedDevice(rows.getString("id"), rows.getString("name"),
                            Instant.ofEpochMilli(rows.getLong("created_at")), instant(rows, "last_seen_at"),
                            instant(rows, "revoked_at"));
                    devices.add(new StoredDevice(device, rows.getBytes("token_sha256")));
                }
                return devices;
            }
        });
    }

    /** Marks the device revoked at {@code at} (kept for the list); completes false when it was unknown or revoked. */
    public CompletableFuture<Boolean> revoke(String id, Instant at) {
        return database.transact(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE paired_device SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                update.setLong(1, at.toEpochMilli());
                update.setString(2, id);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Records that the device's token was accepted at {@code at}. */
    public CompletableFuture<Void> touch(String id, Instant at) {
        return database.transact(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE paired_device SET last_seen_at = "
                    + "max(coalesce(last_seen_at, 0), ?) WHERE id = ?")) {
                update.setLong(1, at.toEpochMilli());
                update.setString(2, id);
                update.executeUpdate();
                return null;
            }
        });
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.INTEGER);
        } else {
            statement.setLong(index, value.toEpochMilli());
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
