package io.hivemind.relay.hub.agent;

import static io.hivemind.relay.hub.agent.Completion.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which runtime the environment selects. */
class AgentRuntimeSelectionTest {

    @TempDir
    Path workingDirectory;

    private void agentsFile(String relative) throws Exception {
        Path file = workingDirectory.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "agents:\n  - id: local\n    directory: .\n    command: [cat]\n");
    }

    @Test
    void withNeitherHubNorAgentsFileThereIsNoRuntime() {
        assertThat(AgentRuntime.fromEnvironment(Map.of(), workingDirectory, "host")).isEmpty();
    }

    @Test
    void theAgentsFileUnderTheWorkingDirectorySelectsTheEmbeddedRuntime() throws Exception {
        agentsFile("agents/agents.yaml");

        Optional<AgentRuntime> selected = AgentRuntime.fromEnvironment(Map.of(), workingDirectory, "host");

        assertThat(selected).containsInstanceOf(EmbeddedAgentRuntime.class);
        try (AgentRuntime runtime = selected.orElseThrow()) {
            assertThat(value(runtime.agents())).extracting(AgentProfile::id, AgentProfile::machine)
                    .containsExactly(tuple("local", "host"));
        }
    }

    @Test
    void theVariableNamesAnotherAgentsFile() throws Exception {
        agentsFile("elsewhere/mine.yaml");

        Optional<AgentRuntime> selected = AgentRuntime.fromEnvironment(
                Map.of("HIVEMIND_AGENTS_FILE", "elsewhere/mine.yaml"), workingDirectory, "host");

        assertThat(selected).containsInstanceOf(EmbeddedAgentRuntime.class);
        selected.orElseThrow().close();
    }

    @Test
    void aNamedAgentsFileThatDoesNotExistIsAnError() {
        assertThatThrownBy(() -> AgentRuntime.fromEnvironment(Map.of("HIVEMIND_AGENTS_FILE", "missing.yaml"),
                workingDirectory, "host"))
                .isInstanceOf(AgentsFileException.class)
                .hasMessageContaining("missing.yaml: cannot be read");
    }

    @Test
    void aHubUrlWinsOverAnAgentsFile() throws Exception {
        agentsFile("agents/agents.yaml");

        Optional<AgentRuntime> selected = AgentRuntime.fromEnvironment(
                Map.of("HIVEMIND_HUB_URL", "http://127.0.0.1:9/hub", "HIVEMIND_HUB_TOKEN", "tok-1"),
                workingDirectory, "host");

        assertThat(selected).containsInstanceOf(HubAgentRuntime.class);
        selected.orElseThrow().close();
    }
}
