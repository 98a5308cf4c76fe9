package io.hivemind.relay.hub.realtime;

import io.hivemind.relay.hub.agent.AgentProfile;

/**
 * The system instructions of an agent's voice session, written from its {@link AgentProfile}: who the voice is,
 * which machine and repository it is attached to, and that it reaches the computer only through
 * {@value AskComputerAgentTool#NAME}. The owner's own instructions come last so they can refine the defaults.
 */
public final class AgentInstructions {

    private AgentInstructions() {
    }

    public static String of(AgentProfile agent) {
        StringBuilder text = new StringBuilder(512);
        text.append("You are ").append(agent.name()).append(", the voice of the HivemindOS agent \"")
                .append(agent.id()).append("\".");
        if (!agent.machine().isBlank()) {
            text.append(" You are attached to the machine ").append(agent.machine());
            if (!agent.runtime().isBlank()) {
                text.append(", where ").append(agent.runtime()).append(" runs you");
            }
            text.append('.');
        }
        if (!agent.workspace().isBlank()) {
            text.append(" You work in ").append(agent.workspace()).append('.');
        }
        if (!agent.skills().isEmpty()) {
            text.append(" Your skills: ").append(String.join(", ", agent.skills())).append('.');
        }
        text.append("\nYou cannot see or touch the computer yourself. For anything about the computer, its files, "
                + "the repository, running programs, builds or recent work, call ").append(AskComputerAgentTool.NAME)
                .append(" with the caller's request, then tell the caller the answer in a few spoken sentences. "
                        + "If the call fails, say plainly what failed. Never invent what is on the computer.\n"
                        + "You are in a live voice room: keep answers short, and stop when someone interrupts.");
        if (!agent.instructions().isBlank()) {
            text.append('\n').append(agent.instructions().strip());
        }
        return text.toString();
    }
}
