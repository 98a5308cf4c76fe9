package io.hivemind.relay.signaling.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code video} claim of a LiveKit-layout access token: what the bearer may do, and in which room.
 * As in LiveKit, an absent {@code canPublish}, {@code canSubscribe} or {@code canPublishData} means allowed;
 * every other absent flag means not allowed.
 *
 * @param room the room the token is for, or null for room-independent admin tokens
 */
public record VideoGrant(String room, boolean roomJoin, boolean canPublish, boolean canSubscribe,
        boolean canPublishData, boolean roomAdmin, boolean roomCreate, boolean roomList, boolean hidden,
        boolean agent) {

    /** A participant grant: join {@code room}, publish, subscribe and send data. */
    public static VideoGrant join(String room) {
        return new VideoGrant(room, true, true, true, true, false, false, false, false, false);
    }

    /** An admin grant: create, list and administer every room. */
    public static VideoGrant admin() {
        return new VideoGrant(null, false, false, false, false, true, true, true, false, false);
    }

    static VideoGrant fromClaim(Map<String, Object> claim) {
        Object room = claim.get("room");
        return new VideoGrant(room instanceof String name && !name.isEmpty() ? name : null,
                flag(claim, "roomJoin", false), flag(claim, "canPublish", true), flag(claim, "canSubscribe", true),
                flag(claim, "canPublishData", true), flag(claim, "roomAdmin", false),
                flag(claim, "roomCreate", false), flag(claim, "roomList", false), flag(claim, "hidden", false),
                flag(claim, "agent", false));
    }

    Map<String, Object> toClaim() {
        Map<String, Object> claim = new LinkedHashMap<>();
        if (room != null) {
            claim.put("room", room);
        }
        claim.put("roomJoin", roomJoin);
        claim.put("canPublish", canPublish);
        claim.put("canSubscribe", canSubscribe);
        claim.put("canPublishData", canPublishData);
        claim.put("roomAdmin", roomAdmin);
        claim.put("roomCreate", roomCreate);
        claim.put("roomList", roomList);
        claim.put("hidden", hidden);
        claim.put("agent", agent);
        return claim;
    }

    private static boolean flag(Map<String, Object> claim, String name, boolean absent) {
        Object value = claim.get(name);
        return value == null ? absent : Boolean.TRUE.equals(value);
    }
}
