package io.hivemind.relay.hub.agent;

import static io.hivemind.relay.hub.agent.Completion.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example agent the repository ships ({@code agents/agents.yaml} and {@code agents/repo-guide/answer.sh}),
 * copied into a fresh git repository so that its answers are known.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExampleAgentTest {

    /** The repository's own agents folder (tests run in the module directory). */
    private static final Path SHIPPED = Path.of("..", "agents");

    @TempDir
    Path repository;

    @BeforeEach
    void repositoryWithTheExample() throws Exception {
        Files.createDirectories(repository.resolve("agents/repo-guide"));
        Files.copy(SHIPPED.resolve("agents.yaml"), repository.resolve("agents/agents.yaml"));
        Files.copy(SHIPPED.resolve("repo-guide/answer.sh"), repository.resolve("agents/repo-guide/answer.sh"));
        git("init", "-q", "-b", "main");
        git("add", "agents");
        git("commit", "-q", "-m", "Add the repo guide");
        Files.writeString(repository.resolve("README.md"), "hello\n");
        git("add", "README.md");
        git("commit", "-q", "-m", "Write a README");
    }

    private EmbeddedAgentRuntime runtime() {
        return EmbeddedAgentRuntime.fromFile(repository.resolve("agents/agents.yaml"), "test-host");
    }

    @Test
    void theShippedFileDeclaresTheRepoGuideOverItsRepository() throws Exception {
        try (EmbeddedAgentRuntime runtime = runtime()) {
            assertThat(value(runtime.agents())).singleElement().satisfies(profile -> {
                assertThat(profile.id()).isEqualTo("repo-guide");
                assertThat(profile.machine()).isEqualTo("test-host");
                assertThat(Path.of(profile.workspace())).isEqualTo(repository.toAbsolutePath().normalize());
            });
        }
    }

    @Test
    void itAnswersWithTheRecentCommits() throws Exception {
        try (EmbeddedAgentRuntime runtime = runtime()) {
            AgentAnswer answer = value(runtime.ask(new AgentRequest("repo-guide", "What changed recently?",
                    new CallContext("standup", "alice", "call-1", "alice"))));

            assertThat(answer.text()).startsWith("The latest commits on main are:\n- Write a README (")
                    .contains("- Add the repo guide (");
            assertThat(answer.truncated()).isFalse();
        }
    }

    @Test
    void itAnswersWithTheUncommittedChanges() throws Exception {
        Files.writeString(repository.resolve("notes.txt"), "draft\n");
        Files.writeString(repository.resolve("README.md"), "hello again\n");
        try (EmbeddedAgentRuntime runtime = runtime()) {
            AgentAnswer answer = value(runtime.ask(new AgentRequest("repo-guide",
                    "Is there any uncommitted work? $(touch hacked)", CallContext.NONE)));

            assertThat(answer.text()).isEqualTo("There are 2 uncommitted change(s):\n M README.md\n?? notes.txt\n");
        }
        assertThat(repository.resolve("hacked")).doesNotExist();
    }

    @Test
    void aCleanTreeIsSaidToBeClean() throws Exception {
        try (EmbeddedAgentRuntime runtime = runtime()) {
            AgentAnswer answer = value(runtime.ask(new AgentRequest("repo-guide", "status?", CallContext.NONE)));

            assertThat(answer.text()).isEqualTo("The working tree is clean: nothing is uncommitted.\n");
        }
    }

    private void git(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(arguments));
        Process git = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as(output).isZero();
    }
}
