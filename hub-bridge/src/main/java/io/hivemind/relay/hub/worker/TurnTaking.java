package io.hivemind.relay.hub.worker;

import io.hivemind.relay.hub.voice.RoomAudioOutput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One worker's manners at its room's {@link Floor}: which answers it voices, which turns it answers. The client
 * loop reports server events ({@link #voice}, {@link #audioEnded}, {@link #speechStarted}, {@link #answers}); the
 * voice thread reports playback ({@link #playedOut}).
 *
 * <p>The floor is taken with an answer's first audio and given back once the answer has arrived whole and played
 * out. The "still arriving" flag is set with the floor taken and read with the floor given back under one lock,
 * so the voice thread never gives back a floor the client loop has just taken.
 */
final class TurnTaking {

    /** A transcription may never come (it failed): remember this many turns at most. */
    private static final int MAX_PENDING_TURNS = 16;

    /**
     * How a turn began: whether another agent held the floor (so the turn is, at least at its start, that agent
     * heard through the mix) and the room's barge-in count then (a change means a human spoke over that agent).
     */
    private record Turn(boolean othersHeldFloor, long bargeIns) {
    }

    private final Floor.Seat seat;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: an answer this worker voices is still arriving. */
    private boolean voicing;
    private final AtomicInteger droppedAnswers = new AtomicInteger();
    /** An answer was dropped for want of the floor and is wanted again once the floor is free. */
    private final AtomicBoolean waiting = new AtomicBoolean();
    // Client loop only.
    private String voicedItem;
    private String droppedItem;
    private final Map<String, Turn> turns = new LinkedHashMap<>();

    TurnTaking(Floor.Seat seat) {
        this.seat = seat;
    }

    /**
     * Client loop, each audio delta of item {@code itemId}: whether to play it. The first delta of an item takes the
     * floor; if another agent holds it, the item is dropped (this delta and the rest) and {@code drop} runs once.
     */
    boolean voice(String itemId, Runnable drop) {
        if (itemId.equals(droppedItem)) {
            return false;
        }
        if (!itemId.equals(voicedItem)) {
            boolean taken;
            synchronized (lock) {
                taken = seat.acquire();
                voicing = taken;
            }
            if (!taken) {
                droppedItem = itemId;
                droppedAnswers.incrementAndGet();
                waiting.set(true);
                drop.run();
                return false;
            }
            waiting.set(false);
            voicedItem = itemId;
        }
        return true;
    }

    /** Client loop: no more audio is coming for the current answer (audio done, or the response ended). */
    void audioEnded() {
        synchronized (lock) {
            voicing = false;
        }
    }

    /**
     * Client loop: someone started talking (item {@code itemId}). The agent cannot hear itself, so while it holds
     * the floor this is a human barging in: the floor goes back, and the deltas of the interrupted item still in
     * flight are not played (the room heard what the caller truncates).
     */
    void speechStarted(String itemId) {
        turns.put(itemId, new Turn(seat.othersHold(), seat.bargeIns()));
        if (turns.size() > MAX_PENDING_TURNS) {
            turns.remove(turns.keySet().iterator().next());
        }
        droppedItem = voicedItem;
        voicedItem = null;
        synchronized (lock) {
            voicing = false;
            seat.bargeIn();
        }
    }

    /**
     * Client loop, when turn {@code itemId} was transcribed: whether this agent answers it. Never a turn that began
     * on another agent's voice (unless a human barged in since); else when addressed, or as the lead.
     */
    boolean answers(String itemId, String transcript) {
        Turn turn = turns.remove(itemId);
        boolean otherAgent = turn != null && turn.othersHeldFloor() && turn.bargeIns() == seat.bargeIns();
        return !otherAgent && seat.answers(transcript);
    }

    /**
     * Any thread, when the floor came free: whether to ask again for an answer that was dropped for want of it. Not
     * after a barge-in: the human has the floor, and the human's turn decides who answers.
     */
    boolean retryOnFreedFloor(boolean byBargeIn) {
        return waiting.getAndSet(false) && !byBargeIn;
    }

    /** Voice thread, each chunk: once the answer has arrived whole and played out, the floor is free. */
    void playedOut(RoomAudioOutput output) {
        synchronized (lock) {
            if (!voicing && output.queuedMillis() == 0 && !output.talking()) {
                seat.release();
            }
        }
    }

    /** Answers dropped because another agent held the floor. */
    int droppedAnswers() {
        return droppedAnswers.get();
    }
}
