package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivemind.relay.server.store.CallMode;
import io.hivemind.relay.server.store.CallRecord;
import io.hivemind.relay.server.store.CallRecordStore;
import io.hivemind.relay.server.store.NewCall;
import io.hivemind.relay.signaling.auth.ApiKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay's database across real starts and stops on one data directory. */
class RelayPersistenceTest {

    @TempDir
    Path dataDir;

    private RelayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RelayServer start(Path dir) throws RelayStartException {
        return RelayServer.start(new RelayConfig("127.0.0.1", 0, 0, null, dir, ApiKeyStore.development(),
                RelayConfig.DEFAULT_CONSENT_TIMEOUT, null), 1);
    }

    private List<CallRecord> recent() throws Exception {
        return server.callRecords().recent(10).get(10, TimeUnit.SECONDS);
    }

    @Test
    void callRecordsSurviveARestart() throws Exception {
        server = start(dataDir);
        CallRecordStore calls = server.callRecords();
        long id = calls.open(new NewCall("alice", "builder", CallMode.ROOM, "call-1")).get(10, TimeUnit.SECONDS);
        calls.markToolCall(id).get(10, TimeUnit.SECONDS);
        CallRecord closed = calls.close(id, "hangup", null).get(10, TimeUnit.SECONDS);
        server.close();

        server = start(dataDir);

        assertThat(recent()).containsExactly(closed);
        assertThat(Files.isRegularFile(dataDir.resolve("relay.db"))).isTrue();
    }

    @Test
    void aCallLeftOpenIsClosedAsInterruptedAtTheNextStart() throws Exception {
        server = start(dataDir);
        long id = server.callRecords().open(new NewCall("device-1", "builder", CallMode.BYOK, null))
                .get(10, TimeUnit.SECONDS);
        server.callRecords().markToolCall(id).get(10, TimeUnit.SECONDS);
        server.close();

        server = start(dataDir);

        assertThat(recent()).singleElement().satisfies(record -> {
            assertThat(record.id()).isEqualTo(id);
            assertThat(record.endReason()).isEqualTo(CallRecordStore.INTERRUPTED);
            assertThat(record.endedAt()).isAfterOrEqualTo(record.startedAt());
            assertThat(record.toolCalls()).isEqualTo(1);
        });
    }

    @Test
    void anUnusableDataDirectoryFailsTheStartNamingIt() throws Exception {
        Path notADirectory = Files.writeString(dataDir.resolve("data"), "a file, not a directory");

        assertThatThrownBy(() -> start(notADirectory))
                .isInstanceOf(RelayStartException.class)
                .hasMessageStartingWith("cannot create the data directory " + notADirectory + " (data_dir): ");
    }

    @Test
    void aSecondRelayOnTheSameDataDirectoryFailsTheStart() throws Exception {
        server = start(dataDir);

        assertThatThrownBy(() -> start(dataDir))
                .isInstanceOf(RelayStartException.class)
                .hasMessageContaining("is locked by another process (is another relay using the same data_dir?)");
    }
}
