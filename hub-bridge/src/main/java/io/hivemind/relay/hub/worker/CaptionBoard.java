package io.hivemind.relay.hub.worker;

import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.room.RoomEvent.CaptionRole;
import java.util.EnumMap;
import java.util.Map;

/**
 * The latest utterance of each role, published to the room as whole-text captions: deltas of one utterance id
 * accumulate; a new id starts over, so a new response replaces the last caption and never glues onto it.
 * Confined to the Realtime client's loop, which delivers the transcript events in order.
 */
final class CaptionBoard {

    /** A caption longer than this keeps only its end: a caption is for reading along, not a transcript store. */
    static final int MAX_CHARS = 2_000;

    private final Room room;
    private final String identity;
    private final Map<CaptionRole, Utterance> latest = new EnumMap<>(CaptionRole.class);

    private static final class Utterance {
        final String id;
        final StringBuilder text = new StringBuilder();

        Utterance(String id) {
            this.id = id;
        }
    }

    CaptionBoard(Room room, String identity) {
        this.room = room;
        this.identity = identity;
    }

    /** More text of utterance {@code id}. */
    void delta(CaptionRole role, String id, String delta) {
        Utterance utterance = utterance(role, id);
        utterance.text.append(delta);
        trim(utterance.text);
        publish(role, utterance, false);
    }

    /** The whole text of utterance {@code id}, which ends it. */
    void done(CaptionRole role, String id, String transcript) {
        Utterance utterance = utterance(role, id);
        utterance.text.setLength(0);
        utterance.text.append(transcript);
        trim(utterance.text);
        publish(role, utterance, true);
    }

    /** The text of the latest utterance of {@code role}, or "" (for tests and call state). */
    String text(CaptionRole role) {
        Utterance utterance = latest.get(role);
        return utterance == null ? "" : utterance.text.toString();
    }

    private Utterance utterance(CaptionRole role, String id) {
        Utterance utterance = latest.get(role);
        if (utterance == null || !utterance.id.equals(id)) {
            utterance = new Utterance(id);
            latest.put(role, utterance);
        }
        return utterance;
    }

    private static void trim(StringBuilder text) {
        if (text.length() > MAX_CHARS) {
            text.delete(0, text.length() - MAX_CHARS);
        }
    }

    private void publish(CaptionRole role, Utterance utterance, boolean complete) {
        // A caption that cannot be shown (the worker already left) is simply dropped.
        room.caption(identity, role, utterance.id, utterance.text.toString(), complete).exceptionally(error -> null);
    }
}
