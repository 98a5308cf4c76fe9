package io.hivemind.relay.hub.agent;

import static io.hivemind.relay.hub.agent.Completion.failure;
import static io.hivemind.relay.hub.agent.Completion.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded runtime with real processes ({@code sh}, {@code cat}, {@code env}, {@code sleep}, {@code yes}). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedAgentRuntimeTest {

    @TempDir
    Path directory;

    private static final CallContext CONTEXT = new CallContext("standup", "alice", "call-7", "bob");

    private AgentDefinition agent(String id, Map<String, String> env, Duration timeout, int outputLimit,
                                  int maxConcurrent, String... command) {
        AgentProfile profile = new AgentProfile(id, null, "test-machine", "test", null, List.of(), null, null);
        return new AgentDefinition(profile, directory, List.of(command), env, timeout, outputLimit, maxConcurrent);
    }

    private AgentDefinition agent(String id, String... command) {
        return agent(id, Map.of(), Duration.ofSeconds(30), 64 * 1024, 1, command);
    }

    private static EmbeddedAgentRuntime runtime(AgentDefinition... agents) {
        return new EmbeddedAgentRuntime(List.of(agents), System.getenv(), 4);
    }

    @Test
    void theRequestReachesStandardInputVerbatimAndIsNeverExpanded() throws Exception {
        String request = "$(touch expanded) `touch backticks` 'single' \"double\" ; touch semicolon\n"
                + "second line with $HOME and * and \\ and é 😀\n\nlast line without newline";
        try (EmbeddedAgentRuntime runtime = runtime(agent("echo", "cat"))) {
            AgentAnswer answer = value(runtime.ask(new AgentRequest("echo", request, CONTEXT)));

            assertThat(answer.text()).isEqualTo(request);
            assertThat(answer.truncated()).isFalse();
            assertThat(answer.artifacts()).isEmpty();
        }
        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theCommandRunsInTheAgentsDirectory() throws Exception {
        try (EmbeddedAgentRuntime runtime = runtime(agent("where", "pwd"))) {
            AgentAnswer answer = value(runtime.ask(new AgentRequest("where", "where are you?", CONTEXT)));

            assertThat(Path.of(answer.text().strip())).isEqualTo(directory.toRealPath());
        }
    }

    @Test
    void aRelativeProgramPathIsRelativeToTheAgentsDirectory() throws Exception {
        Path script = directory.resolve("hello.sh");
        Files.writeString(script, "#!/bin/sh\nprintf 'hello from %s' \"$HIVEMIND_AGENT_ID\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        try (EmbeddedAgentRuntime runtime = runtime(agent("hello", "./hello.sh"))) {
            AgentAnswer answer = value(runtime.ask(new AgentRequest("hello", "hi", CONTEXT)));

            assertThat(answer.text()).isEqualTo("hello from hello");
        }
    }

    @Test
    void theEnvironmentHoldsOnlyPathHomeLangTheAgentsVariablesAndTheContext() throws Exception {
        Map<String, String> host = new HashMap<>();
        host.put("PATH", System.getenv("PATH"));
        host.put("HOME", "/home/relay");
        host.put("LANG", "C.UTF-8");
        host.put("OPENAI_API_KEY", "sk-must-not-leak");
        host.put("OPENAI_REALTIME_KEY", "sk-must-not-leak-either");
        host.put("LIVEKIT_API_SECRET", "livekit-secret");
        host.put("RELAY_TLS_KEY", "/secret/key.pem");
        AgentDefinition env = agent("env", Map.of("GIT_PAGER", "cat"), Duration.ofSeconds(30), 64 * 1024, 1, "env");
        try (EmbeddedAgentRuntime runtime = new EmbeddedAgentRuntime(List.of(env), host, 1)) {
            AgentAnswer answer = value(runtime.ask(new AgentRequest("env", "print it", CONTEXT)));

            assertThat(parseEnv(answer.text())).isEqualTo(Map.of(
                    "PATH", System.getenv("PATH"),
                    "HOME", "/home/relay",
                    "LANG", "C.UTF-8",
                    "GIT_PAGER", "cat",
                    "HIVEMIND_AGENT_ID", "env",
                    "HIVEMIND_ROOM", "standup",
                    "HIVEMIND_CALLER", "alice",
                    "HIVEMIND_CALL_ID", "call-7",
                    "HIVEMIND_SPEAKER", "bob"));
        }
    }

    @Test
    void theJvmsOwnEnvironmentIsNotInheritedAndAbsentContextIsLeftOut() throws Exception {
        try (EmbeddedAgentRuntime runtime = runtime(agent("env", "env"))) {
            AgentAnswer answer = value(runtime.ask(new AgentRequest("env", "print it", CallContext.NONE)));

            Map<String, String> expected = new HashMap<>();
            for (String name : EmbeddedAgentRuntime.INHERITED_VARIABLES) {
                Optional.ofNullable(System.getenv(name)).ifPresent(value -> expected.put(name, value));
            }
            expected.put("HIVEMIND_AGENT_ID", "env");
            assertThat(parseEnv(answer.text())).isEqualTo(expected);
        }
    }

    private static Map<String, String> parseEnv(String output) {
        Map<String, String> variables = new HashMap<>();
        for (String line : output.split("\n")) {
            int equals = line.indexOf('=');
            variables.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return variables;
    }

    @Test
    void aTimeoutDestroysTheCommandAndItsChildren() throws Exception {
        Path started = fifo("started");
        AgentDefinition slow = agent("slow", "sh", "-c", "sleep 600 & echo $! > started; wait");
        try (EmbeddedAgentRuntime runtime = runtime(slow)) {
            CompletableFuture<AgentAnswer> answer =
                    runtime.ask(new AgentRequest("slow", "take your time", CONTEXT, Duration.ofSeconds(2)));
            long child = Long.parseLong(Files.readString(started).strip());

            AgentRuntimeException failure = failure(answer);
            assertThat(failure.code()).isEqualTo(AgentErrorCode.TIMEOUT);
            assertThat(failure.getMessage()).contains("'slow'", "2000 ms");
            assertGone(child);
        }
    }

    @Test
    void outputBeyondTheLimitTruncatesTheAnswerAndEndsTheCommand() throws Exception {
        AgentDefinition chatty = agent("chatty", Map.of(), Duration.ofSeconds(30), 1000, 1,
                "sh", "-c", "echo $$ > yes.pid; exec yes");
        try (EmbeddedAgentRuntime runtime = runtime(chatty)) {
            AgentAnswer answer = value(runtime.ask(new AgentRequest("chatty", "say yes", CONTEXT)));

            assertThat(answer.truncated()).isTrue();
            assertThat(answer.text()).isEqualTo("y\n".repeat(500));
        }
        assertGone(Long.parseLong(Files.readString(directory.resolve("yes.pid")).strip()));
    }

    @Test
    void truncationKeepsWholeUtf8Characters() throws Exception {
        // "é\n" is three bytes: a four-byte limit would cut the second "é" in half.
        AgentDefinition accents = agent("accents", Map.of(), Duration.ofSeconds(30), 4, 1, "yes", "é");
        try (EmbeddedAgentRuntime runtime = runtime(accents)) {
            AgentAnswer answer = value(runtime.ask(new AgentRequest("accents", "accents please", CONTEXT)));

            assertThat(answer.truncated()).isTrue();
            assertThat(answer.text()).isEqualTo("é\n");
        }
    }

    @Test
    void outputExactlyAtTheLimitIsNotTruncated() throws Exception {
        AgentDefinition exact = agent("exact", Map.of(), Duration.ofSeconds(30), 5, 1, "cat");
        try (EmbeddedAgentRuntime runtime = runtime(exact)) {
            AgentAnswer answer = value(runtime.ask(new AgentRequest("exact", "12345", CONTEXT)));

            assertThat(answer.text()).isEqualTo("12345");
            assertThat(answer.truncated()).isFalse();
        }
    }

    private static void assertGone(long pid) throws Exception {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            handle.get().onExit().get(30, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void aFailingCommandReportsItsExitStatusAndLastErrorLine() throws Exception {
        AgentDefinition broken = agent("broken", "sh", "-c", "echo partial; echo 'warming up' >&2;"
                + " echo 'fatal: no such branch' >&2; exit 3");
        try (EmbeddedAgentRuntime runtime = runtime(broken)) {
            AgentRuntimeException failure = failure(runtime.ask(new AgentRequest("broken", "go", CONTEXT)));

            assertThat(failure.code()).isEqualTo(AgentErrorCode.FAILED);
            assertThat(failure.getMessage())
                    .isEqualTo("agent 'broken' failed with exit status 3: fatal: no such branch");
        }
    }

    @Test
    void aProgramThatCannotStartFails() throws Exception {
        try (EmbeddedAgentRuntime runtime = runtime(agent("ghost", "./no-such-program"))) {
            AgentRuntimeException failure = failure(runtime.ask(new AgentRequest("ghost", "boo", CONTEXT)));

            assertThat(failure.code()).isEqualTo(AgentErrorCode.FAILED);
            assertThat(failure.getMessage()).startsWith("agent 'ghost' could not be started");
        }
    }

    @Test
    void unknownAgentsAndUnusableRequestsFailWithoutRunningAnything() throws Exception {
        try (EmbeddedAgentRuntime runtime = runtime(agent("echo", "cat"))) {
            assertThat(failure(runtime.ask(new AgentRequest("nobody", "hi", CONTEXT))).code())
                    .isEqualTo(AgentErrorCode.UNKNOWN_AGENT);
            assertThat(failure(runtime.ask(new AgentRequest("echo", "  \n", CONTEXT))).code())
                    .isEqualTo(AgentErrorCode.INVALID_REQUEST);
            String tooLong = "x".repeat(AgentRequest.MAX_TEXT_CHARS + 1);
            assertThat(failure(runtime.ask(new AgentRequest("echo", tooLong, CONTEXT))).code())
                    .isEqualTo(AgentErrorCode.INVALID_REQUEST);
        }
    }

    @Test
    void anAgentRunsAtMostItsConcurrentAsks() throws Exception {
        Path gate = gate();
        try (EmbeddedAgentRuntime runtime = runtime(agent("gated", "sh", "-c", "read line < gate; echo \"$line\""))) {
            CompletableFuture<AgentAnswer> first = runtime.ask(new AgentRequest("gated", "one", CONTEXT));
            CompletableFuture<AgentAnswer> second = runtime.ask(new AgentRequest("gated", "two", CONTEXT));

            AgentRuntimeException busy = failure(second);
            assertThat(busy.code()).isEqualTo(AgentErrorCode.BUSY);
            assertThat(busy.getMessage()).contains("'gated'");
            Files.writeString(gate, "first\n");
            assertThat(value(first).text()).isEqualTo("first\n");

            CompletableFuture<AgentAnswer> third = runtime.ask(new AgentRequest("gated", "three", CONTEXT));
            Files.writeString(gate, "third\n");
            assertThat(value(third).text()).isEqualTo("third\n");
        }
    }

    @Test
    void theRuntimeRunsAtMostItsConcurrentAsksAcrossAgents() throws Exception {
        Path gate = gate();
        AgentDefinition gated = agent("gated", "sh", "-c", "read line < gate; echo \"$line\"");
        AgentDefinition echo = agent("echo", "cat");
        try (EmbeddedAgentRuntime runtime = new EmbeddedAgentRuntime(List.of(gated, echo), System.getenv(), 1)) {
            CompletableFuture<AgentAnswer> first = runtime.ask(new AgentRequest("gated", "one", CONTEXT));

            AgentRuntimeException busy = failure(runtime.ask(new AgentRequest("echo", "two", CONTEXT)));
            assertThat(busy.code()).isEqualTo(AgentErrorCode.BUSY);
            assertThat(busy.getMessage()).contains("1 agent requests");
            Files.writeString(gate, "done\n");
            assertThat(value(first).text()).isEqualTo("done\n");
            assertThat(value(runtime.ask(new AgentRequest("echo", "again", CONTEXT))).text()).isEqualTo("again");
        }
    }

    @Test
    void closingEndsAsksInFlightAndRefusesNewOnes() throws Exception {
        gate();
        Path started = fifo("started");
        EmbeddedAgentRuntime runtime = runtime(agent("gated", "sh", "-c", "echo $$ > started; read line < gate"));
        CompletableFuture<AgentAnswer> inFlight = runtime.ask(new AgentRequest("gated", "one", CONTEXT));
        long pid = Long.parseLong(Files.readString(started).strip());

        runtime.close();

        assertThat(failure(inFlight).code()).isEqualTo(AgentErrorCode.UNAVAILABLE);
        assertThat(failure(runtime.ask(new AgentRequest("gated", "two", CONTEXT))).code())
                .isEqualTo(AgentErrorCode.UNAVAILABLE);
        assertGone(pid);
    }

    @Test
    void listsTheProfilesOfItsAgents() throws Exception {
        try (EmbeddedAgentRuntime runtime = runtime(agent("a", "cat"), agent("b", "cat"))) {
            assertThat(value(runtime.agents())).extracting(AgentProfile::id).containsExactly("a", "b");
        }
    }

    /** A FIFO in the agents' directory that a command reads: it waits there until the test writes a line. */
    private Path gate() throws Exception {
        return fifo("gate");
    }

    /** A named pipe: the side that opens it first waits for the other, so test and command meet without polling. */
    private Path fifo(String name) throws Exception {
        Path fifo = directory.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThat(new String(mkfifo.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
        return fifo;
    }
}
