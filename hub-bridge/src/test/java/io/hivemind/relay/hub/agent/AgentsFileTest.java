package io.hivemind.relay.hub.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading and checking the agents file. */
class AgentsFileTest {

    @TempDir
    Path root;
    private Path file;

    @BeforeEach
    void layout() throws Exception {
        Files.createDirectories(root.resolve("config"));
        Files.createDirectories(root.resolve("repo"));
        Files.writeString(root.resolve("plain-file"), "not a directory");
        file = root.resolve("config").resolve("agents.yaml");
    }

    private List<AgentDefinition> load(String yaml) throws Exception {
        Files.writeString(file, yaml);
        return AgentsFile.load(file, "relay-host");
    }

    static Stream<Arguments> unusableFiles() {
        String ok = "  - id: a\n    directory: ../repo\n    command: [cat]\n";
        return Stream.of(
                Arguments.of("broken YAML", "agents: [\n", "not valid YAML (line"),
                Arguments.of("empty file", "", "the top level must be a mapping with an 'agents' list"),
                Arguments.of("a list at the top", "- id: a\n", "the top level must be a mapping"),
                Arguments.of("no agents key", "agent: []\n", "with an 'agents' list"),
                Arguments.of("agents not a list", "agents: 3\n", "'agents' must be a list"),
                Arguments.of("unknown top-level setting", "agents: []\nextra: 1\n", "unknown setting 'extra'"),
                Arguments.of("agent not a mapping", "agents: [3]\n", "agents[0]: must be a mapping"),
                Arguments.of("missing id", "agents:\n  - directory: ../repo\n    command: [cat]\n",
                        "agents[0]: id is required"),
                Arguments.of("id with a space", "agents:\n  - id: 'a b'\n    directory: ../repo\n    command: [cat]\n",
                        "id 'a b' must be 1-64 letters"),
                Arguments.of("id with a slash", "agents:\n  - id: a/b\n    directory: ../repo\n    command: [cat]\n",
                        "id 'a/b' must be"),
                Arguments.of("missing directory", "agents:\n  - id: a\n    command: [cat]\n",
                        "agents[0] (a): directory is required"),
                Arguments.of("directory that does not exist",
                        "agents:\n  - id: a\n    directory: ../nowhere\n    command: [cat]\n",
                        "nowhere' does not exist or is not a directory"),
                Arguments.of("directory that is a file",
                        "agents:\n  - id: a\n    directory: ../plain-file\n    command: [cat]\n",
                        "plain-file' does not exist or is not a directory"),
                Arguments.of("missing command", "agents:\n  - id: a\n    directory: ../repo\n",
                        "agents[0] (a): command must be a non-empty list"),
                Arguments.of("empty command", "agents:\n  - id: a\n    directory: ../repo\n    command: []\n",
                        "command must be a non-empty list"),
                Arguments.of("command as one string (would need a shell)",
                        "agents:\n  - id: a\n    directory: ../repo\n    command: sh -c 'git log'\n",
                        "command must be a non-empty list"),
                Arguments.of("command with an empty element",
                        "agents:\n  - id: a\n    directory: ../repo\n    command: [sh, '']\n",
                        "command elements must be non-empty texts"),
                Arguments.of("blank program", "agents:\n  - id: a\n    directory: ../repo\n    command: [' ']\n",
                        "the program (first element of command) must not be blank"),
                Arguments.of("duplicate ids", "agents:\n" + ok + ok, "agents[1] (a): duplicate id 'a'"),
                Arguments.of("misspelt setting", "agents:\n" + ok + "    comand: [cat]\n",
                        "agents[0] (a): unknown setting 'comand'"),
                Arguments.of("zero timeout", "agents:\n" + ok + "    timeout_seconds: 0\n",
                        "timeout_seconds must be a whole number from 1 to 3600, got '0'"),
                Arguments.of("timeout as text", "agents:\n" + ok + "    timeout_seconds: ten\n",
                        "timeout_seconds must be a whole number from 1 to 3600, got 'ten'"),
                Arguments.of("fractional timeout", "agents:\n" + ok + "    timeout_seconds: 1.5\n",
                        "timeout_seconds must be a whole number"),
                Arguments.of("huge timeout", "agents:\n" + ok + "    timeout_seconds: 99999999999\n",
                        "timeout_seconds must be a whole number"),
                Arguments.of("negative output limit", "agents:\n" + ok + "    output_limit_bytes: -1\n",
                        "output_limit_bytes must be a whole number from 1 to 4194304"),
                Arguments.of("too many concurrent asks", "agents:\n" + ok + "    max_concurrent: 100\n",
                        "max_concurrent must be a whole number from 1 to 16"),
                Arguments.of("reserved variable", "agents:\n" + ok + "    env: {HIVEMIND_ROOM: fake}\n",
                        "env: 'HIVEMIND_ROOM' is reserved"),
                Arguments.of("invalid variable name", "agents:\n" + ok + "    env: {'1X': y}\n",
                        "env: '1X' is not a valid variable name"),
                Arguments.of("env as a list", "agents:\n" + ok + "    env: [A]\n", "env must be a mapping"),
                Arguments.of("skills as text", "agents:\n" + ok + "    skills: git\n", "skills must be a list"),
                Arguments.of("blank name", "agents:\n" + ok + "    name: ' '\n", "name must be a non-empty text"),
                Arguments.of("voice as a mapping", "agents:\n" + ok + "    voice: {a: b}\n",
                        "voice must be a non-empty text"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableFiles")
    void unusableFilesAreRefusedWithAClearProblem(String name, String yaml, String problem) {
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(AgentsFileException.class)
                .hasMessageStartingWith(file.toString() + ": ")
                .hasMessageContaining(problem);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String yaml = "agents:\n  - id: a\n    command: []\n    directory: ../repo\n"
                + "  - id: b\n    directory: ../nowhere\n    command: [cat]\n    max_concurrent: 0\n";

        assertThatThrownBy(() -> load(yaml))
                .isInstanceOfSatisfying(AgentsFileException.class, e -> assertThat(e.problems()).satisfiesExactly(
                        problem -> assertThat(problem).startsWith("agents[0] (a): command"),
                        problem -> assertThat(problem).startsWith("agents[1] (b): directory"),
                        problem -> assertThat(problem).startsWith("agents[1] (b): max_concurrent")));
    }

    @Test
    void anEnvironmentValueNeverAppearsInAProblem() {
        String yaml = "agents:\n  - id: a\n    directory: ../repo\n    command: [cat]\n"
                + "    env: {TOKEN: {nested: s3cret-value}}\n";

        assertThatThrownBy(() -> load(yaml))
                .hasMessageContaining("the value of 'TOKEN' must be a text or a number")
                .hasMessageNotContaining("s3cret-value");
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> AgentsFile.load(root.resolve("missing.yaml"), "host"))
                .isInstanceOf(AgentsFileException.class)
                .hasMessageEndingWith("missing.yaml: cannot be read (NoSuchFileException)");
    }

    @Test
    void aFullAgentIsRead() throws Exception {
        List<AgentDefinition> agents = load("""
                agents:
                  - id: codex-main
                    name: Codex on main
                    machine: workstation
                    runtime: codex
                    workspace: github.com/example/app
                    directory: ../repo
                    command: [codex, exec, --quiet, '-']
                    timeout_seconds: 120
                    output_limit_bytes: 32768
                    max_concurrent: 2
                    skills: [tests, refactoring]
                    voice: marin
                    instructions: Be brief.
                    env:
                      CODEX_HOME: /home/me/.codex
                      RETRIES: 3
                """);

        assertThat(agents).singleElement().satisfies(agent -> {
            assertThat(agent.profile()).isEqualTo(new AgentProfile("codex-main", "Codex on main", "workstation",
                    "codex", "github.com/example/app", List.of("tests", "refactoring"), "marin", "Be brief."));
            assertThat(agent.directory()).isEqualTo(root.resolve("repo").toAbsolutePath().normalize());
            assertThat(agent.command()).containsExactly("codex", "exec", "--quiet", "-");
            assertThat(agent.timeout()).isEqualTo(Duration.ofSeconds(120));
            assertThat(agent.outputLimit()).isEqualTo(32768);
            assertThat(agent.maxConcurrent()).isEqualTo(2);
            assertThat(agent.environment()).isEqualTo(Map.of("CODEX_HOME", "/home/me/.codex", "RETRIES", "3"));
        });
    }

    @Test
    void omittedSettingsTakeTheirDefaults() throws Exception {
        List<AgentDefinition> agents = load("agents:\n  - id: a\n    directory: ../repo\n    command: [cat]\n");

        Path repo = root.resolve("repo").toAbsolutePath().normalize();
        assertThat(agents).singleElement().satisfies(agent -> {
            assertThat(agent.profile()).isEqualTo(new AgentProfile("a", "a", "relay-host", "command",
                    repo.toString(), List.of(), "", ""));
            assertThat(agent.timeout()).isEqualTo(AgentsFile.DEFAULT_TIMEOUT);
            assertThat(agent.outputLimit()).isEqualTo(AgentsFile.DEFAULT_OUTPUT_LIMIT);
            assertThat(agent.maxConcurrent()).isEqualTo(AgentsFile.DEFAULT_MAX_CONCURRENT);
            assertThat(agent.environment()).isEmpty();
        });
    }

    @Test
    void anEmptyListMeansNoAgents() throws Exception {
        assertThat(load("agents: []\n")).isEmpty();
    }

    @Test
    void toStringNamesEnvironmentVariablesButNotTheirValues() throws Exception {
        List<AgentDefinition> agents = load("agents:\n  - id: a\n    directory: ../repo\n    command: [cat]\n"
                + "    env: {API_TOKEN: tok-12345}\n");

        assertThat(agents.get(0).toString()).contains("API_TOKEN").doesNotContain("tok-12345");
    }

    @Test
    void theVariableNamesTheFileRelativeToTheWorkingDirectory() {
        assertThat(AgentsFile.locate(Map.of("HIVEMIND_AGENTS_FILE", "config/mine.yaml"), root))
                .contains(root.resolve("config/mine.yaml"));
    }

    @Test
    void withoutTheVariableTheFileUnderAgentsIsUsedIfItExists() throws Exception {
        assertThat(AgentsFile.locate(Map.of(), root)).isEmpty();
        assertThat(AgentsFile.locate(Map.of("HIVEMIND_AGENTS_FILE", " "), root)).isEmpty();

        Files.createDirectories(root.resolve("agents"));
        Files.writeString(root.resolve("agents/agents.yaml"), "agents: []\n");

        assertThat(AgentsFile.locate(Map.of(), root)).contains(root.resolve("agents/agents.yaml"));
    }
}
