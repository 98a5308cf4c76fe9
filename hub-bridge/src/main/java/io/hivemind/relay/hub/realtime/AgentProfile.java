package io.hivemind.relay.hub.realtime;

import java.util.List;
import java.util.Objects;

/**
 * What a voice session needs to know about the agent it speaks for: who it is, where it runs, what it can do and
 * how it sounds. The agent runtime owns the full description; this is the part the Realtime session is built from.
 *
 * @param id           stable agent id (the room participant is {@code agent-<id>})
 * @param name         the name the agent answers to
 * @param machine      the machine the agent's runtime is attached to
 * @param workspace    the repository or working directory it works in
 * @param skills       short skill names, in the order the agent lists them
 * @param voice        Realtime voice id (for example {@code marin}); blank means the server default
 * @param instructions extra persona or house rules from the agent's owner; may be empty
 */
public record AgentProfile(String id, String name, String machine, String workspace, List<String> skills,
        String voice, String instructions) {

    public AgentProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(workspace, "workspace");
        skills = List.copyOf(skills);
        voice = voice == null ? "" : voice;
        instructions = instructions == null ? "" : instructions;
        if (id.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("agent id and name must not be blank");
        }
    }
}
