package io.hivemind.relay.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Call records in a real SQLite file: their life cycle, restarts and calls cut by a stop. */
class CallRecordStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dataDir;

    private final ManualWallClock clock = new ManualWallClock(T0);
    private RelayDatabase database;
    private CallRecordStore calls;

    @BeforeEach
    void open() throws Exception {
        database = RelayDatabase.open(dataDir);
        calls = new CallRecordStore(database, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private void restart() throws Exception {
        database.close();
        database = RelayDatabase.open(dataDir);
        calls = new CallRecordStore(database, clock);
    }

    @Test
    void aCallIsRecordedFromOpenToCloseWithItsToolCalls() throws Exception {
        long id = await(calls.open(new NewCall("alice", "builder", CallMode.ROOM, "call-1")));
        clock.advance(Duration.ofSeconds(5));
        await(calls.markToolCall(id));
        await(calls.markToolCall(id));
        clock.advance(Duration.ofSeconds(37));

        CallRecord closed = await(calls.close(id, "hangup", null));

        assertThat(closed).isEqualTo(new CallRecord(id, "alice", "builder", CallMode.ROOM, "call-1", T0,
                T0.plusSeconds(42), Duration.ofSeconds(42), "hangup", 2, null));
        assertThat(await(calls.recent(10))).containsExactly(closed);
    }

    @Test
    void aRunningCallIsListedWithoutAnEnd() throws Exception {
        long id = await(calls.open(new NewCall("device-7", "reviewer", CallMode.BYOK, null)));

        CallRecord running = await(calls.recent(1)).get(0);

        assertThat(running.id()).isEqualTo(id);
        assertThat(running.ended()).isFalse();
        assertThat(running.endedAt()).isNull();
        assertThat(running.duration()).isNull();
        assertThat(running.mode()).isEqualTo(CallMode.BYOK);
        assertThat(running.room()).isNull();
    }

    @Test
    void errorsAreStoredAndCutToTheLimit() throws Exception {
        long id = await(calls.open(new NewCall("alice", "builder", CallMode.BYOK, null)));
        String longError = "x".repeat(CallRecordStore.MAX_ERROR_CHARS + 100);

        CallRecord closed = await(calls.close(id, "error", longError));

        assertThat(closed.endReason()).isEqualTo("error");
        assertThat(closed.error()).hasSize(CallRecordStore.MAX_ERROR_CHARS);
    }

    @Test
    void aClosedOrUnknownCallCannotBeClosedOrCountedAgain() throws Exception {
        long id = await(calls.open(new NewCall("alice", "builder", CallMode.BYOK, null)));
        await(calls.close(id, "hangup", null));

        assertThatThrownBy(() -> await(calls.close(id, "hangup", null)))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> await(calls.markToolCall(id)))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> await(calls.close(id + 100, "hangup", null)))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(NoSuchElementException.class);
        assertThat(await(calls.recent(5))).singleElement()
                .satisfies(record -> assertThat(record.toolCalls()).isZero());
    }

    @Test
    void badEndReasonsAndCallsAreRefusedBeforeAnyWrite() {
        assertThatThrownBy(() -> calls.close(1, "Hang Up", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NewCall(" ", "builder", CallMode.BYOK, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NewCall("alice", "builder", CallMode.ROOM, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recentListsNewestFirstUpToTheLimit() throws Exception {
        List<Long> ids = IntStream.range(0, 5).mapToObj(i -> {
            clock.advance(Duration.ofSeconds(1));
            return calls.open(new NewCall("caller-" + i, "builder", CallMode.BYOK, null)).join();
        }).toList();

        assertThat(await(calls.recent(3))).extracting(CallRecord::id)
                .containsExactly(ids.get(4), ids.get(3), ids.get(2));
    }

    @Test
    void recentOfACallerListsOnlyTheirCallsNewestFirst() throws Exception {
        List<Long> ids = IntStream.range(0, 6).mapToObj(i -> {
            clock.advance(Duration.ofSeconds(1));
            return calls.open(new NewCall(i % 2 == 0 ? "alice" : "device-7", "builder", CallMode.BYOK, null)).join();
        }).toList();

        assertThat(await(calls.recentOf("alice", 2))).extracting(CallRecord::id).containsExactly(ids.get(4), ids.get(2));
        assertThat(await(calls.recentOf("device-7", 10))).extracting(CallRecord::caller).containsOnly("device-7")
                .hasSize(3);
        assertThat(await(calls.recentOf("nobody", 10))).isEmpty();
        assertThatThrownBy(() -> calls.recentOf("alice", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsSurviveARestart() throws Exception {
        long id = await(calls.open(new NewCall("alice", "builder", CallMode.ROOM, "call-1")));
        await(calls.markToolCall(id));
        clock.advance(Duration.ofSeconds(10));
        CallRecord closed = await(calls.close(id, "idle_timeout", "agent went quiet"));

        restart();

        assertThat(await(calls.recent(10))).containsExactly(closed);
    }

    @Test
    void callsLeftRunningAreClosedAsInterruptedAtTheirLastActivity() throws Exception {
        long busy = await(calls.open(new NewCall("alice", "builder", CallMode.ROOM, "call-1")));
        clock.advance(Duration.ofSeconds(30));
        await(calls.markToolCall(busy));
        long quiet = await(calls.open(new NewCall("bob", "reviewer", CallMode.BYOK, null)));
        clock.advance(Duration.ofSeconds(10));
        long done = await(calls.open(new NewCall("carol", "builder", CallMode.BYOK, null)));
        CallRecord closed = await(calls.close(done, "hangup", null));
        clock.advance(Duration.ofMinutes(10));

        restart();
        int interrupted = await(calls.closeInterrupted());

        assertThat(interrupted).isEqualTo(2);
        assertThat(await(calls.recent(10))).containsExactly(
                closed,
                new CallRecord(quiet, "bob", "reviewer", CallMode.BYOK, null, T0.plusSeconds(30),
                        T0.plusSeconds(30), Duration.ZERO, CallRecordStore.INTERRUPTED, 0, null),
                new CallRecord(busy, "alice", "builder", CallMode.ROOM, "call-1", T0, T0.plusSeconds(30),
                        Duration.ofSeconds(30), CallRecordStore.INTERRUPTED, 1, null));
        assertThat(await(calls.closeInterrupted())).as("nothing is left running").isZero();
    }

    @Test
    void aCompletedWriteIsInTheFileEvenWhenTheNextOneFails() throws Exception {
        long id = await(calls.open(new NewCall("alice", "builder", CallMode.BYOK, null)));
        assertThatThrownBy(() -> await(calls.markToolCall(id + 1))).hasCauseInstanceOf(NoSuchElementException.class);

        restart();

        assertThat(await(calls.recent(10))).extracting(CallRecord::id).containsExactly(id);
    }
}
