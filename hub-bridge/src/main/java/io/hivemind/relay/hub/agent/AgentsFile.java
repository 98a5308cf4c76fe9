package io.hivemind.relay.hub.agent;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the embedded runtime's agents file (YAML, described in docs/hub-api.md) into {@link AgentDefinition}s.
 * Every agent is checked before any is used, and every problem is reported at once with the agent and setting it
 * concerns, so a typo never passes silently. Relative directories are resolved against the file's folder, so a file
 * kept inside a repository can point at that repository wherever it is checked out.
 */
public final class AgentsFile {

    /** Environment variable naming the agents file. */
    public static final String FILE_VARIABLE = "HIVEMIND_AGENTS_FILE";
    /** Where the file is looked for, relative to the working directory, when the variable is not set. */
    public static final Path DEFAULT_LOCATION = Path.of("agents", "agents.yaml");

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final int DEFAULT_OUTPUT_LIMIT = 16 * 1024;
    static final int DEFAULT_MAX_CONCURRENT = 1;
    private static final int MAX_TIMEOUT_SECONDS = 3600;
    private static final int MAX_OUTPUT_LIMIT = 4 * 1024 * 1024;
    private static final int MAX_CONCURRENT_LIMIT = 16;

    /** Ids appear in URLs and in participant names ({@code agent-<id>}). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> SETTINGS = Set.of("id", "name", "machine", "runtime", "workspace", "skills",
            "voice", "instructions", "directory", "command", "env", "timeout_seconds", "output_limit_bytes",
            "max_concurrent");

    private AgentsFile() {
    }

    /**
     * The agents file to use: the path in {@value #FILE_VARIABLE} if set (resolved against {@code workingDirectory}),
     * else {@code agents/agents.yaml} under {@code workingDirectory} if it exists, else none.
     */
    public static Optional<Path> locate(Map<String, String> environment, Path workingDirectory) {
        String named = environment.get(FILE_VARIABLE);
        if (named != null && !named.isBlank()) {
            return Optional.of(workingDirectory.resolve(named.trim()));
        }
        Path fallback = workingDirectory.resolve(DEFAULT_LOCATION);
        return Files.isRegularFile(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    /**
     * Reads and checks an agents file.
     *
     * @param defaultMachine the {@code machine} of agents that do not name one (the relay's host name)
     * @throws AgentsFileException naming the file and every problem found
     */
    public static List<AgentDefinition> load(Path file, String defaultMachine) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readString(file));
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new AgentsFileException(file, List.of("not valid YAML" + where));
        } catch (IOException e) {
            throw new AgentsFileException(file, List.of("cannot be read (" + e.getClass().getSimpleName() + ")"));
        }
        Path base = file.toAbsolutePath().normalize().getParent();
        return parse(root, base, defaultMachine, file);
    }

    private static List<AgentDefinition> parse(JsonNode root, Path base, String defaultMachine, Object source) {
        if (root == null || !root.isObject() || !root.has("agents")) {
            throw new AgentsFileException(source, List.of("the top level must be a mapping with an 'agents' list"));
        }
        List<String> problems = new ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!name.equals("agents")) {
                problems.add("unknown setting '" + name + "' (only 'agents' is allowed at the top level)");
            }
        });
        JsonNode agents = root.get("agents");
        if (!agents.isArray()) {
            problems.add("'agents' must be a list");
            throw new AgentsFileException(source, problems);
        }
        List<AgentDefinition> definitions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < agents.size(); i++) {
            AgentReader reader = new AgentReader(agents.get(i), "agents[" + i + "]", problems);
            AgentDefinition definition = reader.read(base, defaultMachine);
            if (definition != null && !ids.add(definition.id())) {
                problems.add(reader.where + ": duplicate id '" + definition.id() + "'");
            }
            if (definition != null) {
                definitions.add(definition);
            }
        }
        if (!problems.isEmpty()) {
            throw new AgentsFileException(source, problems);
        }
        return List.copyOf(definitions);
    }

    /** Reads one agent, adding problems instead of throwing so that all of them are reported together. */
    private static final class AgentReader {

        private final JsonNode node;
        private String where;
        private final List<String> problems;
        private final int problemsBefore;

        AgentReader(JsonNode node, String where, List<String> problems) {
            this.node = node;
            this.where = where;
            this.problems = problems;
            this.problemsBefore = problems.size();
        }

        AgentDefinition read(Path base, String defaultMachine) {
            if (!node.isObject()) {
                problems.add(where + ": must be a mapping");
                return null;
            }
            String id = text("id", null);
            if (id == null) {
                problems.add(where + ": id is required");
            } else if (!ID.matcher(id).matches()) {
                problems.add(where + ": id '" + id + "' must be 1-64 letters, digits, '.', '_' or '-', starting"
                        + " with a letter or digit");
            } else {
                where = where + " (" + id + ")";
            }
            node.fieldNames().forEachRemaining(name -> {
                if (!SETTINGS.contains(name)) {
                    problems.add(where + ": unknown setting '" + name + "'");
                }
            });
            Path directory = directory(base);
            List<String> command = command();
            Map<String, String> environment = environment();
            int timeoutSeconds = number("timeout_seconds", (int) DEFAULT_TIMEOUT.toSeconds(), MAX_TIMEOUT_SECONDS);
            int outputLimit = number("output_limit_bytes", DEFAULT_OUTPUT_LIMIT, MAX_OUTPUT_LIMIT);
            int maxConcurrent = number("max_concurrent", DEFAULT_MAX_CONCURRENT, MAX_CONCURRENT_LIMIT);
            List<String> skills = list("skills");
            String name = text("name", id);
            String machine = text("machine", defaultMachine);
            String runtime = text("runtime", "command");
            String voice = text("voice", "");
            String instructions = text("instructions", "");
            String workspace = text("workspace", directory.toString());
            if (problems.size() > problemsBefore) {
                return null;
            }
            AgentProfile profile = new AgentProfile(id, name, machine, runtime, workspace, skills, voice,
                    instructions);
            return new AgentDefinition(profile, directory, command, environment,
                    Duration.ofSeconds(timeoutSeconds), outputLimit, maxConcurrent);
        }

        private String text(String field, String fallback) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isValueNode() || value.asText().isBlank()) {
                problems.add(where + ": " + field + " must be a non-empty text");
                return fallback;
            }
            return value.asText();
        }

        private Path directory(Path base) {
            String named = text("directory", null);
            if (named == null) {
                problems.add(where + ": directory is required");
                return base;
            }
            Path directory = base.resolve(named).normalize();
            if (!Files.isDirectory(directory)) {
                problems.add(where + ": directory '" + directory + "' does not exist or is not a directory");
            }
            return directory;
        }

        private List<String> command() {
            JsonNode value = node.get("command");
            if (value == null || !value.isArray() || value.isEmpty()) {
                problems.add(where + ": command must be a non-empty list (the program and its arguments; no shell"
                        + " is involved)");
                return List.of();
            }
            List<String> argv = new ArrayList<>();
            for (JsonNode element : value) {
                if (!element.isValueNode() || element.isNull() || element.asText().isEmpty()) {
                    problems.add(where + ": command elements must be non-empty texts");
                    return List.of();
                }
                argv.add(element.asText());
            }
            if (argv.get(0).isBlank()) {
                problems.add(where + ": the program (first element of command) must not be blank");
            }
            return argv;
        }

        private Map<String, String> environment() {
            JsonNode value = node.get("env");
            if (value == null || value.isNull()) {
                return Map.of();
            }
            if (!value.isObject()) {
                problems.add(where + ": env must be a mapping of variable names to values");
                return Map.of();
            }
            Map<String, String> environment = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                String name = field.getKey();
                if (!VARIABLE.matcher(name).matches()) {
                    problems.add(where + ": env: '" + name + "' is not a valid variable name");
                } else if (name.startsWith(EmbeddedAgentRuntime.CONTEXT_PREFIX)) {
                    problems.add(where + ": env: '" + name + "' is reserved (" + EmbeddedAgentRuntime.CONTEXT_PREFIX
                            + "* variables carry the call context)");
                } else if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                    // The value may be a secret: name the variable only.
                    problems.add(where + ": env: the value of '" + name + "' must be a text or a number");
                } else {
                    environment.put(name, field.getValue().asText());
                }
            }
            return environment;
        }

        private int number(String field, int fallback, int max) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1 || value.asInt() > max) {
                problems.add(where + ": " + field + " must be a whole number from 1 to " + max + ", got '"
                        + value.asText() + "'");
                return fallback;
            }
            return value.asInt();
        }

        private List<String> list(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return List.of();
            }
            List<String> items = new ArrayList<>();
            if (value.isArray()) {
                for (JsonNode item : value) {
                    if (!item.isValueNode() || item.isNull() || item.asText().isBlank()) {
                        problems.add(where + ": " + field + " must be a list of non-empty texts");
                        return List.of();
                    }
                    items.add(item.asText());
                }
                return items;
            }
            problems.add(where + ": " + field + " must be a list");
            return List.of();
        }
    }
}
