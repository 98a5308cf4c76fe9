package io.hivemind.relay.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Call records in {@link RelayDatabase}: one row per call from {@link #open} to {@link #close}, with the tool calls
 * it made. Every method returns a future that completes after its transaction committed. A call still open when the
 * relay stopped (a crash, a kill) is closed at the next start by {@link #closeInterrupted()}.
 */
public final class CallRecordStore {

    /** The end reason of a call cut by a relay stop. */
    public static final String INTERRUPTED = "interrupted";
    /** Longest stored error text; the rest is cut (errors are diagnostics, not logs). */
    static final int MAX_ERROR_CHARS = 2_000;
    private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final String COLUMNS = "id, caller, agent_id, mode, room, started_at, ended_at, duration_ms, "
            + "end_reason, tool_calls, error";

    private final RelayDatabase database;
    private final Clock clock;

    public CallRecordStore(RelayDatabase database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records a call starting now; completes with its id. */
    public CompletableFuture<Long> open(NewCall call) {
        Objects.requireNonNull(call, "call");
        long now = clock.millis();
        return database.transact(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO call_record (caller, agent_id, "
                    + "mode, room, started_at, last_activity_at) VALUES (?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, call.caller());
                insert.setString(2, call.agentId());
                insert.setString(3, call.mode().wireName());
                insert.setString(4, call.room());
                insert.setLong(5, now);
                insert.setLong(6, now);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /**
     * Counts one tool call on a running call (also its latest activity). Fails with {@link NoSuchElementException}
     * when no running call has {@code id}.
     */
    public CompletableFuture<Void> markToolCall(long id) {
        long now = clock.millis();
        return database.transact(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE call_record SET tool_calls = "
                    + "tool_calls + 1, last_activity_at = max(last_activity_at, ?) "
                    + "WHERE id = ? AND ended_at IS NULL")) {
                update.setLong(1, now);
                update.setLong(2, id);
                if (update.executeUpdate() == 0) {
                    throw new NoSuchElementException("no running call " + id);
                }
                return null;
            }
        });
    }

    /**
     * Ends a running call now. {@code reason} is a stable lower-case code such as {@code hangup} or
     * {@code idle_timeout}; {@code error} is optional text (cut to {@value #MAX_ERROR_CHARS} characters) and must hold
     * no secret. Completes with the closed record; fails with {@link NoSuchElementException} when no running call
     * has {@code id} (unknown or already closed).
     *
     * @throws IllegalArgumentException at once, before any write, when {@code reason} is not such a code
     */
    public CompletableFuture<CallRecord> close(long id, String reason, String error) {
        if (reason == null || !REASON.matcher(reason).matches()) {
            throw new IllegalArgumentException("end reason must be a lower-case code like hangup, got " + reason);
        }
        String text = error == null || error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS);
        long now = clock.millis();
        return database.transact(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE call_record SET ended_at = "
                    + "max(started_at, ?), duration_ms = max(started_at, ?) - started_at, end_reason = ?, error = ?, "
                    + "last_activity_at = max(last_activity_at, ?) WHERE id = ? AND ended_at IS NULL")) {
                update.setLong(1, now);
                update.setLong(2, now);
                update.setString(3, reason);
                if (text == null) {
                    update.setNull(4, Types.VARCHAR);
                } else {
                    update.setString(4, text);
                }
                update.setLong(5, now);
                update.setLong(6, id);
                if (update.executeUpdate() == 0) {
                    throw new NoSuchElementException("no running call " + id);
                }
            }
            return find(connection, id);
        });
    }

    /** The latest {@code limit} calls (1..1000), newest first. */
    public CompletableFuture<List<CallRecord>> recent(int limit) {
        return select(null, limit);
    }

    /** The latest {@code limit} calls (1..1000) of {@code caller}, newest first. */
    public CompletableFuture<List<CallRecord>> recentOf(String caller, int limit) {
        return select(Objects.requireNonNull(caller, "caller"), limit);
    }

    private CompletableFuture<List<CallRecord>> select(String caller, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000, got " + limit);
        }
        String sql = "SELECT " + COLUMNS + " FROM call_record" + (caller == null ? "" : " WHERE caller = ?")
                + " ORDER BY started_at DESC, id DESC LIMIT ?";
        return database.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int parameter = 1;
                if (caller != null) {
                    select.setString(parameter++, caller);
                }
                select.setInt(parameter, limit);
                try (ResultSet rows = select.executeQuery()) {
                    List<CallRecord> records = new ArrayList<>();
                    while (rows.next()) {
                        records.add(read(rows));
                    }
                    return records;
                }
            }
        });
    }

    /**
     * Closes every call left running by an earlier relay process as {@value #INTERRUPTED}, ending it at its last known
     * activity (its start when nothing came after). Call once at start, before any new call is opened; completes
     * with how many were closed.
     */
    public CompletableFuture<Integer> closeInterrupted() {
        return database.transact(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE call_record SET ended_at = "
                    + "last_activity_at, duration_ms = last_activity_at - started_at, end_reason = ? "
                    + "WHERE ended_at IS NULL")) {
                update.setString(1, INTERRUPTED);
                return update.executeUpdate();
            }
        });
    }

    private static CallRecord find(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM call_record WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new NoSuchElementException("no call " + id);
                }
                return read(rows);
            }
        }
    }

    private static CallRecord read(ResultSet row) throws SQLException {
        long endedAt = row.getLong("ended_at");
        boolean ended = !row.wasNull();
        long durationMillis = row.getLong("duration_ms");
        return new CallRecord(row.getLong("id"), row.getString("caller"), row.getString("agent_id"),
                CallMode.fromWire(row.getString("mode")), row.getString("room"),
                Instant.ofEpochMilli(row.getLong("started_at")), ended ? Instant.ofEpochMilli(endedAt) : null,
                ended ? Duration.ofMillis(durationMillis) : null, row.getString("end_reason"),
                row.getInt("tool_calls"), row.getString("error"));
    }
}
