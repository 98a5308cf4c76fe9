package io.hivemind.relay.signaling.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Every error the signaling front end reports, with its stable wire code and the HTTP status it maps to.
 * The wire code appears as {@code error.code} in REST bodies and as {@code code} in WebSocket error messages;
 * clients switch on it, so a code is never renamed once released.
 */
public enum ErrorCode {
    BAD_REQUEST("bad_request", HttpResponseStatus.BAD_REQUEST),
    BAD_JSON("bad_json", HttpResponseStatus.BAD_REQUEST),
    UNKNOWN_TYPE("unknown_type", HttpResponseStatus.BAD_REQUEST),
    NOT_JOINED("not_joined", HttpResponseStatus.CONFLICT),
    ALREADY_JOINED("already_joined", HttpResponseStatus.CONFLICT),
    TOKEN_MISSING("token_missing", HttpResponseStatus.UNAUTHORIZED),
    TOKEN_INVALID("token_invalid", HttpResponseStatus.UNAUTHORIZED),
    TOKEN_EXPIRED("token_expired", HttpResponseStatus.UNAUTHORIZED),
    TOKEN_NOT_YET_VALID("token_not_yet_valid", HttpResponseStatus.UNAUTHORIZED),
    UNKNOWN_API_KEY("unknown_api_key", HttpResponseStatus.UNAUTHORIZED),
    PERMISSION_DENIED("permission_denied", HttpResponseStatus.FORBIDDEN),
    NOT_FOUND("not_found", HttpResponseStatus.NOT_FOUND),
    ROOM_NOT_FOUND("room_not_found", HttpResponseStatus.NOT_FOUND),
    PARTICIPANT_NOT_FOUND("participant_not_found", HttpResponseStatus.NOT_FOUND),
    TRACK_NOT_FOUND("track_not_found", HttpResponseStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method_not_allowed", HttpResponseStatus.METHOD_NOT_ALLOWED),
    ROOM_EXISTS("room_exists", HttpResponseStatus.CONFLICT),
    ROOM_FULL("room_full", HttpResponseStatus.CONFLICT),
    PARTICIPANT_EXISTS("participant_exists", HttpResponseStatus.CONFLICT),
    /** An SDP that does not parse (RFC 8866 grammar). */
    SDP_MALFORMED("sdp_malformed", HttpResponseStatus.BAD_REQUEST),
    /** A well-formed SDP we cannot negotiate: no Opus, no BUNDLE-able audio, no rtcp-mux, an ICE restart. */
    SDP_UNSUPPORTED("sdp_unsupported", HttpResponseStatus.BAD_REQUEST),
    /** An offer or answer that does not fit the negotiation's state (an answer with no offer out, glare). */
    NEGOTIATION_OUT_OF_ORDER("negotiation_out_of_order", HttpResponseStatus.CONFLICT),
    PAYLOAD_TOO_LARGE("payload_too_large", HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE),
    RATE_LIMITED("rate_limited", HttpResponseStatus.TOO_MANY_REQUESTS),
    /** No call-capable agent has this id. */
    UNKNOWN_AGENT("unknown_agent", HttpResponseStatus.NOT_FOUND),
    /** The agent already speaks in the room. */
    AGENT_IN_ROOM("agent_in_room", HttpResponseStatus.CONFLICT),
    /** The agent does not speak in the room. */
    AGENT_NOT_IN_ROOM("agent_not_in_room", HttpResponseStatus.NOT_FOUND),
    /** Voice is off: the server has no OpenAI key (OPENAI_REALTIME_KEY or OPENAI_API_KEY). */
    VOICE_UNAVAILABLE("voice_unavailable", HttpResponseStatus.SERVICE_UNAVAILABLE),
    /** No agent runtime is configured (no hub URL, no agents file). */
    AGENTS_UNAVAILABLE("agents_unavailable", HttpResponseStatus.SERVICE_UNAVAILABLE),
    /** An upstream service (the Realtime API, the agent hub) refused or failed; the message says which. */
    UPSTREAM_FAILED("upstream_failed", HttpResponseStatus.BAD_GATEWAY),
    /** A phone pairing code that is well-formed but past its lifetime. */
    PAIRING_CODE_EXPIRED("pairing_code_expired", HttpResponseStatus.GONE),
    /** A phone pairing code that was already exchanged for a device token. */
    PAIRING_CODE_USED("pairing_code_used", HttpResponseStatus.CONFLICT),
    /** A phone pairing code the relay never issued (or forgot at a restart). */
    PAIRING_CODE_INVALID("pairing_code_invalid", HttpResponseStatus.BAD_REQUEST),
    INTERNAL("internal", HttpResponseStatus.INTERNAL_SERVER_ERROR);

    private final String wireName;
    private final HttpResponseStatus status;

    ErrorCode(String wireName, HttpResponseStatus status) {
        this.wireName = wireName;
        this.status = status;
    }

    /** The stable lower-case code sent to clients. */
    public String wireName() {
        return wireName;
    }

    /** The HTTP status a REST response with this code carries. */
    public HttpResponseStatus status() {
        return status;
    }
}
