package io.hivemind.relay.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening the relay database: migrations, the owning connection, and the errors an operator sees. */
class RelayDatabaseTest {

    @TempDir
    Path dir;

    private static List<String> migrationHistory(Path file) throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = raw.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY 1")) {
            List<String> history = new ArrayList<>();
            while (rows.next()) {
                history.add(rows.getString(1) + ":" + rows.getBoolean(2));
            }
            return history;
        }
    }

    @Test
    void createsTheDataDirectoryAndTheSchemaInWalMode() throws Exception {
        Path dataDir = dir.resolve("nested/data");
        try (RelayDatabase database = RelayDatabase.open(dataDir)) {
            assertThat(database.file()).isEqualTo(dataDir.resolve("relay.db").toAbsolutePath());
            String mode = database.transact(connection -> {
                try (Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("PRAGMA journal_mode")) {
                    row.next();
                    return row.getString(1);
                }
            }).get(10, TimeUnit.SECONDS);
            assertThat(mode).isEqualToIgnoringCase("wal");
        }
        assertThat(migrationHistory(dataDir.resolve("relay.db"))).containsExactly("1:true");
    }

    @Test
    void migrationsRunOnceAndReopeningKeepsData() throws Exception {
        try (RelayDatabase database = RelayDatabase.open(dir)) {
            new CallRecordStore(database, new ManualWallClock(Instant.EPOCH))
                    .open(new NewCall("alice", "builder", CallMode.BYOK, null)).get(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 2; i++) {
            RelayDatabase.open(dir).close();
        }

        assertThat(migrationHistory(dir.resolve("relay.db"))).containsExactly("1:true");
        try (RelayDatabase database = RelayDatabase.open(dir)) {
            assertThat(new CallRecordStore(database, new ManualWallClock(Instant.EPOCH)).recent(10)
                    .get(10, TimeUnit.SECONDS)).singleElement()
                    .satisfies(record -> assertThat(record.caller()).isEqualTo("alice"));
        }
    }

    @Test
    void aDataDirectoryThatIsAFileIsReportedByName() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("data"), "a file");

        assertThatThrownBy(() -> RelayDatabase.open(notADirectory))
                .isInstanceOf(DatabaseOpenException.class)
                .hasMessageStartingWith("cannot create the data directory " + notADirectory + " (data_dir): ");
    }

    @Test
    void aFileThatIsNotADatabaseIsReportedByName() throws Exception {
        Path file = Files.writeString(dir.resolve("relay.db"), "this is not SQLite, just some text ".repeat(100));

        assertThatThrownBy(() -> RelayDatabase.open(dir))
                .isInstanceOf(DatabaseOpenException.class)
                .hasMessage("the file " + file.toAbsolutePath() + " is not a relay database");
    }

    @Test
    void aDatabasePathThatIsADirectoryIsReportedByName() throws Exception {
        Path file = Files.createDirectory(dir.resolve("relay.db"));

        assertThatThrownBy(() -> RelayDatabase.open(dir))
                .isInstanceOf(DatabaseOpenException.class)
                .hasMessage("the database " + file.toAbsolutePath() + " is not a regular file");
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefusedAsLocked() throws Exception {
        try (RelayDatabase first = RelayDatabase.open(dir)) {
            assertThatThrownBy(() -> RelayDatabase.open(dir))
                    .isInstanceOf(DatabaseOpenException.class)
                    .hasMessage("the database " + first.file() + " is locked by another process "
                            + "(is another relay using the same data_dir?)");
        }
        RelayDatabase.open(dir).close();
    }

    @Test
    void workAfterCloseFailsInsteadOfHanging() throws Exception {
        RelayDatabase database = RelayDatabase.open(dir);
        database.close();
        database.close();

        assertThat(database.transact(connection -> 1)).failsWithin(10, TimeUnit.SECONDS)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class);
    }
}
