package io.hivemind.relay.bench.load;

/**
 * Who is in one load room.
 *
 * @param talkers        participants who publish (and, with {@code talkersListen}, hear the other talkers)
 * @param listeners      participants who only receive every talker
 * @param talkersListen  whether talkers also receive each other, as in a conversation
 */
public record RoomShape(int talkers, int listeners, boolean talkersListen) {

    public RoomShape {
        if (talkers < 1 || listeners < 0) {
            throw new IllegalArgumentException("a room needs at least one talker and no negative listener count");
        }
    }

    public int participants() {
        return talkers + listeners;
    }

    /** Forwarded streams the room should produce: each talker to every listener and, if they listen, each other. */
    public int forwardedStreams() {
        return talkers * listeners + (talkersListen ? talkers * (talkers - 1) : 0);
    }
}
