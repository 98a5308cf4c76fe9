package io.hivemind.relay.hub.agent;

import java.util.Objects;

/**
 * A failed list or ask, with its {@link AgentErrorCode}. The message is meant to be read by the caller (through the
 * voice), so it says what failed in plain words and never carries a token or an environment value.
 */
public final class AgentRuntimeException extends RuntimeException {

    private final AgentErrorCode code;

    public AgentRuntimeException(AgentErrorCode code, String message) {
        this(code, message, null);
    }

    public AgentRuntimeException(AgentErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public AgentErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return "AgentRuntimeException[" + code.wireName() + "]: " + getMessage();
    }
}
