package io.hivemind.relay.hub.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * One question for one agent.
 *
 * @param agentId the agent to ask
 * @param text    the request, passed to the agent verbatim; at most {@link #MAX_TEXT_CHARS} characters
 * @param context the call it comes from
 * @param timeout how long the caller is willing to wait; null for the runtime's default. A runtime never waits
 *                longer than its own limit for the agent, whatever this says
 */
public record AgentRequest(String agentId, String text, CallContext context, Duration timeout) {

    /** Spoken requests are short; a bound keeps a runaway model from piping megabytes into an agent. */
    public static final int MAX_TEXT_CHARS = 32 * 1024;

    public AgentRequest {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(text, "text");
        context = context == null ? CallContext.NONE : context;
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    /** A request with the runtime's default timeout. */
    public AgentRequest(String agentId, String text, CallContext context) {
        this(agentId, text, context, null);
    }

    /** Checks what every runtime requires before doing any work. */
    void validate() {
        if (agentId.isBlank()) {
            throw new AgentRuntimeException(AgentErrorCode.INVALID_REQUEST, "no agent id given");
        }
        if (text.isBlank()) {
            throw new AgentRuntimeException(AgentErrorCode.INVALID_REQUEST, "the request is empty");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw new AgentRuntimeException(AgentErrorCode.INVALID_REQUEST,
                    "the request is too long (" + text.length() + " characters, at most " + MAX_TEXT_CHARS + ")");
        }
    }
}
