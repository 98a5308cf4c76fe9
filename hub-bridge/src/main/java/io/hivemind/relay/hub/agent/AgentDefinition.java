package io.hivemind.relay.hub.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One agent of the embedded runtime, as the agents file declares it: its profile and how to run it.
 *
 * @param profile         what the voice layer sees
 * @param directory       absolute working directory of the command
 * @param command         the argv; never passed through a shell
 * @param environment     extra variables for the command, on top of {@code PATH}, {@code HOME} and {@code LANG}
 * @param timeout         longest time an ask may run
 * @param outputLimit     most bytes of standard output kept; more ends the command and truncates the answer
 * @param maxConcurrent   most asks this agent runs at once
 */
public record AgentDefinition(AgentProfile profile, Path directory, List<String> command,
                              Map<String, String> environment, Duration timeout, int outputLimit,
                              int maxConcurrent) {

    public AgentDefinition {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(directory, "directory");
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(timeout, "timeout");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        if (timeout.isNegative() || timeout.isZero() || outputLimit <= 0 || maxConcurrent <= 0) {
            throw new IllegalArgumentException("timeout, output limit and concurrency must be positive");
        }
    }

    public String id() {
        return profile.id();
    }

    /** Environment values may be secrets meant for the agent: only their names are shown. */
    @Override
    public String toString() {
        return "AgentDefinition[id=" + id() + ", directory=" + directory + ", command=" + command
                + ", environment=" + environment.keySet() + ", timeout=" + timeout + ", outputLimit=" + outputLimit
                + ", maxConcurrent=" + maxConcurrent + "]";
    }
}
