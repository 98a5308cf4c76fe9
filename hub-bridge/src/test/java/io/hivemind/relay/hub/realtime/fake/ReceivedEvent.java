package io.hivemind.relay.hub.realtime.fake;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One client event the fake server received and accepted.
 *
 * @param session 0-based index of the WebSocket session it arrived on
 * @param type    its {@code type}
 * @param json    the whole event
 */
public record ReceivedEvent(int session, String type, JsonNode json) {
}
