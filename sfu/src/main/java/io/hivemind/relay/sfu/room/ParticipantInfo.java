package io.hivemind.relay.sfu.room;

/** An immutable snapshot of a participant for events and listings. */
public record ParticipantInfo(String id, String identity, String name, String metadata, boolean agent,
                              boolean hidden) {
}
