package io.hivemind.relay.sfu.room;

/** Receives a room's events on the room's event loop; must not block (hand slow work to another executor). */
@FunctionalInterface
public interface RoomListener {
    void onEvent(RoomEvent event);
}
