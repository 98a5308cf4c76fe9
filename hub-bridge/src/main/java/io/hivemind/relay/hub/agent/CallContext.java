package io.hivemind.relay.hub.agent;

/**
 * Where an ask comes from. Every field is optional (null when unknown): a BYOK call from the dashboard has no room,
 * and the speaker is only known when the room tells who spoke.
 *
 * @param room     the room name
 * @param caller   identity of the participant who called the agent into the room
 * @param callId   identifier of this call (one voice session)
 * @param speaker  identity of the participant whose words led to the ask
 */
public record CallContext(String room, String caller, String callId, String speaker) {

    /** No context: an ask from outside any call. */
    public static final CallContext NONE = new CallContext(null, null, null, null);

    public CallContext {
        room = blankToNull(room);
        caller = blankToNull(caller);
        callId = blankToNull(callId);
        speaker = blankToNull(speaker);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
