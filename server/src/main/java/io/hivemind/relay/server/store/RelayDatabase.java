package io.hivemind.relay.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The relay's SQLite file, {@code <data dir>/relay.db}: migrated with Flyway at open, then owned by one connection
 * on one thread, {@code relay-db}. Every read and write is a {@link SqlWork} queued to that thread and run in its own
 * transaction; the returned future completes only after the commit, so a completed write is on disk
 * ({@code synchronous=FULL}). Callers on Netty event loops therefore never block on JDBC, and writes never contend
 * with each other inside the process.
 *
 * <p>The connection holds the file in WAL mode with {@code locking_mode=EXCLUSIVE}: a second relay pointed at the
 * same data directory fails to start ("locked") instead of interleaving its writes and closing this relay's calls as
 * interrupted.
 */
public final class RelayDatabase implements AutoCloseable {

    /** The database file's name inside the data directory. */
    public static final String FILE_NAME = "relay.db";
    /** Where the versioned migrations ({@code V<n>__<what>.sql}) live on the class path. */
    static final String MIGRATIONS = "classpath:io/hivemind/relay/server/store/migration";
    /** How long a start waits for a lock held by someone else before reporting the file as locked. */
    private static final int BUSY_TIMEOUT_MILLIS = 2_000;
    private static final long CLOSE_WAIT_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(RelayDatabase.class);

    /** Work run on the database thread inside a transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final Connection connection;
    private final ExecutorService owner;

    private RelayDatabase(Path file, Connection connection, ExecutorService owner) {
        this.file = file;
        this.connection = connection;
        this.owner = owner;
    }

    /**
     * Creates {@code dataDir} if needed, migrates {@code relay.db} to the current schema and takes the file.
     * Blocking: call it from start-up code, never from an event loop.
     *
     * @throws DatabaseOpenException naming the file and what is wrong (not writable, locked, not a database)
     */
    public static RelayDatabase open(Path dataDir) throws DatabaseOpenException {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException | SecurityException e) {
            throw new DatabaseOpenException("cannot create the data directory " + dataDir + " (data_dir): "
                    + describe(e), e);
        }
        if (!Files.isWritable(dataDir)) {
            throw new DatabaseOpenException("the data directory " + dataDir + " is not writable (data_dir)", null);
        }
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new DatabaseOpenException("the database " + file + " is not a regular file", null);
        }
        SQLiteDataSource source = new SQLiteDataSource(settings());
        source.setUrl("jdbc:sqlite:" + file);
        probe(source, file);
        migrate(source, file);
        Connection connection = take(source, file);
        ExecutorService owner = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "relay-db");
            thread.setDaemon(true);
            return thread;
        });
        return new RelayDatabase(file, connection, owner);
    }

    private static SQLiteConfig settings() {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        return config;
    }

    /**
     * Reads the file once before Flyway sees it, so that a locked file or one that is not a database fails at once
     * with its own message instead of after Flyway's connection and lock retries.
     */
    private static void probe(SQLiteDataSource source, Path file) throws DatabaseOpenException {
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            statement.executeQuery("PRAGMA schema_version").close();
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            throw failure("cannot open", file, e);
        }
    }

    private static void migrate(SQLiteDataSource source, Path file) throws DatabaseOpenException {
        try {
            Flyway.configure()
                    .dataSource(source)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .connectRetries(0)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw failure("cannot migrate", file, e);
        }
    }

    /** Opens the owning connection and takes the file: exclusive lock, WAL, every commit synced. */
    private static Connection take(SQLiteDataSource source, Path file) throws DatabaseOpenException {
        Connection connection = null;
        try {
            connection = source.getConnection();
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA locking_mode = EXCLUSIVE");
                statement.execute("PRAGMA journal_mode = WAL");
                statement.execute("PRAGMA synchronous = FULL");
                // The first write takes the exclusive lock, which the connection then keeps until it closes.
                statement.execute("BEGIN IMMEDIATE");
                statement.execute("COMMIT");
            }
            return connection;
        } catch (SQLException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // The open failure is what the operator needs to see.
                }
            }
            throw failure("cannot open", file, e);
        }
    }

    /** One line an operator can act on, whatever layer (Flyway, JDBC, SQLite) reported the problem. */
    private static DatabaseOpenException failure(String what, Path file, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite) {
                switch (primary(sqlite.getResultCode())) {
                    case "SQLITE_BUSY", "SQLITE_LOCKED" -> {
                        return new DatabaseOpenException("the database " + file + " is locked by another process "
                                + "(is another relay using the same data_dir?)", e);
                    }
                    case "SQLITE_NOTADB", "SQLITE_CORRUPT" -> {
                        return new DatabaseOpenException("the file " + file + " is not a relay database", e);
                    }
                    case "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_IOERR" -> {
                        return new DatabaseOpenException("cannot write the database " + file + ": "
                                + describe(sqlite), e);
                    }
                    default -> {
                        return new DatabaseOpenException(what + " the database " + file + ": " + describe(sqlite), e);
                    }
                }
            }
        }
        return new DatabaseOpenException(what + " the database " + file + ": " + describe(e), e);
    }

    /** Extended result codes ({@code SQLITE_BUSY_SNAPSHOT}) folded to their primary code. */
    private static String primary(SQLiteErrorCode code) {
        return SQLiteErrorCode.getErrorCode(code.code & 0xff).name();
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message != null ? message.lines().findFirst().orElse(message) : cause.getClass().getSimpleName();
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /**
     * Runs {@code work} on the database thread in one transaction. The future completes (on that thread) after the
     * commit, or exceptionally after a rollback; it fails with {@link IllegalStateException} once closed.
     */
    public <T> CompletableFuture<T> transact(SqlWork<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            owner.execute(() -> {
                try {
                    result.complete(inTransaction(work));
                } catch (SQLException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the relay database is closed"));
        }
        return result;
    }

    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T value = work.run(connection);
            connection.commit();
            return value;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Lets queued work finish (bounded wait), then releases the file. Idempotent. */
    @Override
    public void close() {
        if (owner.isShutdown()) {
            return;
        }
        owner.shutdown();
        try {
            if (!owner.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("[db] queued work still running after {} s; closing {} anyway", CLOSE_WAIT_SECONDS, file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("[db] closing {} failed: {}", file, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "RelayDatabase[" + file + "]";
    }
}
