package io.hivemind.relay.hub.agent;

import java.util.Optional;

/**
 * Why an ask did not produce an answer. Each code has a wire name ({@code unknown_agent}, …) shared by the hub API
 * (docs/hub-api.md) and the tool output the voice hears, so the model can tell the caller what went wrong.
 */
public enum AgentErrorCode {
    /** No agent with that id (or it is not call-capable). */
    UNKNOWN_AGENT("unknown_agent"),
    /** The request itself is unusable: blank or too long text, malformed fields. */
    INVALID_REQUEST("invalid_request"),
    /** The hub refused the token. */
    UNAUTHORIZED("unauthorized"),
    /** The agent already runs as many asks as it allows; try again later. */
    BUSY("busy"),
    /** No answer within the time allowed. */
    TIMEOUT("timeout"),
    /** The agent ran and failed (non-zero exit, crash, or the hub reports a failure). */
    FAILED("failed"),
    /** The answer exceeded the size the caller accepts. */
    OUTPUT_TOO_LARGE("output_too_large"),
    /** The runtime cannot be reached or is shutting down. */
    UNAVAILABLE("unavailable"),
    /** The hub answered something that does not follow the contract (bad JSON, missing fields). */
    INVALID_RESPONSE("invalid_response");

    private final String wireName;

    AgentErrorCode(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the wire and in tool outputs. */
    public String wireName() {
        return wireName;
    }

    /** The code with this wire name, if any. */
    public static Optional<AgentErrorCode> fromWireName(String name) {
        for (AgentErrorCode code : values()) {
            if (code.wireName.equals(name)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
