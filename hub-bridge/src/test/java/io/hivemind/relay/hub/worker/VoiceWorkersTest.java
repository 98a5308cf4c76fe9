package io.hivemind.relay.hub.worker;

import static io.hivemind.relay.hub.worker.CallFixture.AGENT;
import static io.hivemind.relay.hub.worker.CallFixture.AGENT_IDENTITY;
import static io.hivemind.relay.hub.worker.CallFixture.HUMAN;
import static io.hivemind.relay.hub.worker.CallFixture.KEY;
import static io.hivemind.relay.hub.worker.CallFixture.ROOM;
import static io.hivemind.relay.hub.worker.CallFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivemind.relay.hub.agent.AgentProfile;
import io.hivemind.relay.hub.agent.AgentRuntime;
import io.hivemind.relay.hub.realtime.LogCapture;
import io.hivemind.relay.hub.realtime.fake.FakeScript;
import io.hivemind.relay.hub.voice.SimulatedHuman;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dispatching and removing voice workers in a real room with the fake Realtime server: the errors a caller can get,
 * the no-key path that leaves rooms working, and the key staying out of every log line of a whole call.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VoiceWorkersTest {

    @TempDir
    Path directory;

    private CallFixture call;

    @BeforeEach
    void setUp() throws Exception {
        call = new CallFixture(directory);
    }

    @AfterEach
    void tearDown() throws Exception {
        call.close();
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void assertDispatchError(ThrowingCallable call, DispatchError error) {
        assertThatThrownBy(call).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(DispatchException.class, e -> {
                    assertThat(e.error()).isEqualTo(error);
                    assertThat(e.getMessage()).doesNotContain(KEY);
                });
    }

    @Test
    void withoutAKeyNoWorkerStartsAndRoomsStillWork() throws Exception {
        VoiceWorkers workers = call.workers(Optional.of(call.runtime), false);

        assertThat(workers.available()).isFalse();
        assertDispatchError(() -> get(workers.dispatch(ROOM, AGENT, HUMAN, null, VoiceWorkerObserver.NONE)),
                DispatchError.VOICE_UNAVAILABLE);
        assertThat(workers.workers()).isEmpty();
        assertThat(get(workers.agents())).extracting(AgentProfile::id).containsExactly(AGENT);

        try (SimulatedHuman alice = new SimulatedHuman(call.rooms, ROOM, HUMAN, 0xA11CE, 300).join()) {
            assertThat(call.participants()).containsExactly(HUMAN);
        }
    }

    @Test
    void withoutAnAgentRuntimeTheDispatchSaysSo() throws Exception {
        call.serve(FakeScript.defaults());
        VoiceWorkers workers = call.workers(Optional.<AgentRuntime>empty(), true);

        assertThat(workers.available()).isFalse();
        assertDispatchError(() -> get(workers.dispatch(ROOM, AGENT, HUMAN, null, VoiceWorkerObserver.NONE)),
                DispatchError.AGENTS_UNAVAILABLE);
        assertThat(call.server.sessionCount()).isZero();
    }

    @Test
    void anUnknownAgentIsRefusedAndNothingJoins() throws Exception {
        call.serve(FakeScript.defaults());

        assertDispatchError(() -> get(call.workers.dispatch(ROOM, "nobody", HUMAN, null, call.observer)),
                DispatchError.UNKNOWN_AGENT);
        assertThat(call.participants()).containsExactly(HUMAN);
        assertThat(call.workers.workers()).isEmpty();
        assertThat(call.server.sessionCount()).isZero();
    }

    @Test
    void theSameAgentCannotBeCalledTwiceIntoARoom() throws Exception {
        VoiceWorker worker = call.call(FakeScript.defaults());

        assertDispatchError(() -> get(call.workers.dispatch(ROOM, AGENT, HUMAN, null, call.observer)),
                DispatchError.ALREADY_IN_ROOM);
        assertThat(call.participants()).containsExactlyInAnyOrder(HUMAN, AGENT_IDENTITY);
        assertThat(call.workers.workers()).containsExactly(worker);
        assertThat(worker.identity()).isEqualTo(AGENT_IDENTITY);
        assertThat(worker.roomName()).isEqualTo(ROOM);
        assertThat(worker.agent().id()).isEqualTo(AGENT);
    }

    @Test
    void aRemovedWorkerEndsAndLeavesTheRoom() throws Exception {
        VoiceWorker worker = call.call(FakeScript.defaults());
        assertThat(call.participants()).contains(AGENT_IDENTITY);

        get(call.workers.remove(ROOM, AGENT));

        assertThat(worker.state()).isEqualTo(WorkerState.ENDED);
        assertThat(call.states).endsWith(WorkerState.ENDED);
        CallFixture.await(() -> {
            try {
                return !call.participants().contains(AGENT_IDENTITY);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, "the worker to leave the room");
        assertThat(call.participants()).containsExactly(HUMAN);
        assertThat(call.workers.worker(ROOM, AGENT)).isEmpty();
        assertDispatchError(() -> get(call.workers.remove(ROOM, AGENT)), DispatchError.NOT_IN_ROOM);

        // Removed, the agent can be called in again.
        VoiceWorker again = call.dispatch();
        assertThat(again).isNotSameAs(worker);
        assertThat(call.participants()).contains(AGENT_IDENTITY);
    }

    @Test
    void theKeyNeverReachesTheLogsDuringAWholeCall() throws Exception {
        List<String> lines;
        try (LogCapture logs = new LogCapture()) {
            VoiceWorker worker = call.call(FakeScript.defaults().withTone(CallFixture.AGENT_HZ)
                    .withFunctionCall("what changed today"));
            call.say(1000);
            call.awaitHeardFromAgent(30);
            assertThat(worker.toolCalls()).isEqualTo(1);
            assertDispatchError(() -> get(call.workers.dispatch(ROOM, AGENT, HUMAN, null, call.observer)),
                    DispatchError.ALREADY_IN_ROOM);
            call.server.dropConnection();
            call.server.awaitReceived("session.update", 2);
            get(call.workers.remove(ROOM, AGENT));
            lines = logs.lines();
        }

        assertThat(lines).anyMatch(line -> line.contains("voice worker joined"))
                .anyMatch(line -> line.contains("reconnecting"))
                .anyMatch(line -> line.contains("voice worker ended"))
                .noneMatch(line -> line.contains(KEY));
        assertThat(call.server.handshakes()).hasSize(2).allMatch(handshake -> handshake.authorized());
    }
}
