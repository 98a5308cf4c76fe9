package io.hivemind.relay.hub.agent;

import java.util.List;
import java.util.Objects;

/**
 * A call-capable agent as the voice layer sees it: who it is and what it is attached to. The voice worker builds its
 * Realtime instructions from this profile.
 *
 * @param id           stable identifier, used in URLs and as the room participant {@code agent-<id>}
 * @param name         display name
 * @param machine      the machine the agent runs on
 * @param runtime      what runs the agent (for example {@code codex}, {@code claude-code}, {@code posix-sh})
 * @param workspace    the repository or workspace it works in; may be empty
 * @param skills       short skill names; may be empty
 * @param voice        the Realtime voice to speak with; empty for the worker's default
 * @param instructions extra instructions for the voice persona; may be empty
 */
public record AgentProfile(String id, String name, String machine, String runtime, String workspace,
                           List<String> skills, String voice, String instructions) {

    public AgentProfile {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("agent id must not be blank");
        }
        name = orEmpty(name).isEmpty() ? id : name;
        machine = orEmpty(machine);
        runtime = orEmpty(runtime);
        workspace = orEmpty(workspace);
        skills = skills == null ? List.of() : List.copyOf(skills);
        voice = orEmpty(voice);
        instructions = orEmpty(instructions);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
