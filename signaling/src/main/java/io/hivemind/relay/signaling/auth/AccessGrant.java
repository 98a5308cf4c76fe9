package io.hivemind.relay.signaling.auth;

import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The verified content of an access token. Holds no secret and not the token itself, so it may be logged.
 *
 * @param apiKey the {@code iss} claim: which API key signed the token
 * @param identity the {@code sub} claim: the participant identity
 * @param name the display name, or the identity when the token has none
 * @param notBefore the {@code nbf} claim, or null
 * @param expiresAt the {@code exp} claim (required)
 * @param agents the agents to dispatch when this token's join creates the room: the {@code agentName}s of
 *               LiveKit's {@code roomConfig.agents} claim
 */
public record AccessGrant(String apiKey, String identity, String name, Instant notBefore, Instant expiresAt,
        VideoGrant video, List<String> agents) {

    public AccessGrant {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(video, "video");
        agents = agents == null ? List.of() : List.copyOf(agents);
    }

    /** A grant that dispatches no agent. */
    public AccessGrant(String apiKey, String identity, String name, Instant notBefore, Instant expiresAt,
            VideoGrant video) {
        this(apiKey, identity, name, notBefore, expiresAt, video, List.of());
    }

    /** The same grant asking for {@code agents} when it creates its room. */
    public AccessGrant withAgents(List<String> agents) {
        return new AccessGrant(apiKey, identity, name, notBefore, expiresAt, video, agents);
    }

    /** Throws {@link ErrorCode#PERMISSION_DENIED} unless the grant allows joining {@code room}. */
    public void requireJoin(String room) {
        if (!video.roomJoin() || identity == null || identity.isEmpty()) {
            throw denied("token does not grant roomJoin with an identity");
        }
        if (video.room() == null || !video.room().equals(room)) {
            throw denied("token is not valid for this room");
        }
    }

    /** Whether the grant administers {@code room} (null: every room). */
    public boolean administers(String room) {
        return video.roomAdmin() && (video.room() == null || video.room().equals(room));
    }

    /** Throws {@link ErrorCode#PERMISSION_DENIED} unless the grant administers {@code room} (null: every room). */
    public void requireRoomAdmin(String room) {
        if (!administers(room)) {
            throw denied("token does not grant roomAdmin for this room");
        }
    }

    /** Throws {@link ErrorCode#PERMISSION_DENIED} unless the grant may create rooms. */
    public void requireRoomCreate() {
        if (!video.roomCreate()) {
            throw denied("token does not grant roomCreate");
        }
    }

    /** Throws {@link ErrorCode#PERMISSION_DENIED} unless the grant may list rooms. */
    public void requireRoomList() {
        if (!video.roomList()) {
            throw denied("token does not grant roomList");
        }
    }

    private static SignalingException denied(String message) {
        return new SignalingException(ErrorCode.PERMISSION_DENIED, message);
    }
}
