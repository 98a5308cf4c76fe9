package io.hivemind.relay.hub.agent;

import java.util.List;
import java.util.Objects;

/**
 * An agent's answer.
 *
 * @param text      what the agent said, verbatim
 * @param artifacts what it produced besides the text; may be empty
 * @param truncated true when the text was cut at the runtime's output limit (see docs/hub-api.md)
 */
public record AgentAnswer(String text, List<AgentArtifact> artifacts, boolean truncated) {

    public AgentAnswer {
        Objects.requireNonNull(text, "text");
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    }
}
