package io.hivemind.relay.hub.voice;

/**
 * What a barge-in cut: the response item that was playing and how much of its audio had been sent, i.e. the
 * {@code item_id} and {@code audio_end_ms} of {@code conversation.item.truncate}.
 *
 * @param itemId        the item whose audio was playing (or queued next)
 * @param audioEndMillis audio of that item sent to the room, in milliseconds
 */
public record Truncation(String itemId, long audioEndMillis) {
}
