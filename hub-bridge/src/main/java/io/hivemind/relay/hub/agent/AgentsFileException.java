package io.hivemind.relay.hub.agent;

import java.util.List;

/** An agents file that cannot be used; the message names the file and every problem found, one per line. */
public final class AgentsFileException extends RuntimeException {

    private final List<String> problems;

    AgentsFileException(Object file, List<String> problems) {
        super(file + ": " + String.join(System.lineSeparator() + "  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, with the agent and setting it concerns. */
    public List<String> problems() {
        return problems;
    }
}
