package io.hivemind.relay.sfu.api;

import io.hivemind.relay.sfu.room.RoomConfig;

import java.util.Objects;

/**
 * Limits of the room service.
 *
 * @param maxRooms rooms open at once
 * @param room     settings every room gets
 */
public record RoomServiceConfig(int maxRooms, RoomConfig room) {

    public static final RoomServiceConfig DEFAULT = new RoomServiceConfig(1000, RoomConfig.DEFAULT);

    public RoomServiceConfig {
        if (maxRooms < 1) {
            throw new IllegalArgumentException("maxRooms must be at least 1: " + maxRooms);
        }
        Objects.requireNonNull(room, "room");
    }
}
