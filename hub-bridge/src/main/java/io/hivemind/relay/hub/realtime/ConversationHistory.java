package io.hivemind.relay.hub.realtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text of a conversation in conversation order, kept so that a new session (after a drop or the 60-minute
 * limit) can be given the same context: caller turns as their transcripts, agent turns as their transcripts, and
 * function calls with their outputs. Audio cannot be recreated, so this is what the model remembers.
 *
 * <p>A caller's turn takes its place when their speech starts, and its text when the transcription completes, so
 * a transcript that arrives after the agent already answered still lands before the answer. At most
 * {@code capacity} entries are kept; the oldest go first, and a function output never outlives its call (the
 * server refuses an output whose call it does not hold).
 *
 * <p>Not thread-safe: owned by the client's event loop.
 */
final class ConversationHistory {

    private final int capacity;
    /** Keyed by role and server item id (or a local sequence number); a null value is a turn without text yet. */
    private final LinkedHashMap<String, ConversationItem> entries = new LinkedHashMap<>();
    private long localSequence;
    /** Agent audio items cut to nothing, whose transcript must not come back (bounded like the entries). */
    private final Set<String> erased = new LinkedHashSet<>();

    ConversationHistory(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("history capacity must be at least 2: " + capacity);
        }
        this.capacity = capacity;
    }

    /** The caller started a turn that will become item {@code itemId}. */
    void callerTurnStarted(String itemId) {
        entries.putIfAbsent("user:" + itemId, null);
        trim();
    }

    /** The caller's turn {@code itemId} was transcribed. */
    void callerTranscript(String itemId, String transcript) {
        put("user:" + itemId, transcript.isBlank() ? null : new ConversationItem.UserText(transcript));
    }

    /** The agent said {@code transcript} in audio item {@code itemId}. */
    void agentTranscript(String itemId, String transcript) {
        if (erased.contains(itemId)) {
            return;
        }
        put("assistant:" + itemId, transcript.isBlank() ? null : new ConversationItem.AssistantText(transcript));
    }

    /** The agent's audio item {@code itemId} was truncated to 0 ms: nobody heard it, so it is never replayed. */
    void agentErased(String itemId) {
        entries.remove("assistant:" + itemId);
        erased.add(itemId);
        if (erased.size() > capacity) {
            erased.remove(erased.iterator().next());
        }
    }

    /** The model called a function. */
    void functionCall(ConversationItem.FunctionCall call) {
        put("call:" + call.callId(), call);
    }

    /** An item the relay itself created (text turns, function outputs). */
    void created(ConversationItem item) {
        String key = item instanceof ConversationItem.FunctionCallOutput output ? "output:" + output.callId()
                : "local:" + localSequence++;
        put(key, item);
    }

    /** The items to replay on a new session, oldest first. */
    List<ConversationItem> items() {
        List<ConversationItem> items = new ArrayList<>(entries.size());
        for (ConversationItem item : entries.values()) {
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    private void put(String key, ConversationItem item) {
        entries.put(key, item);
        trim();
    }

    private void trim() {
        Iterator<Map.Entry<String, ConversationItem>> oldest = entries.entrySet().iterator();
        while (entries.size() > capacity
                || !entries.isEmpty() && entries.values().iterator().next()
                        instanceof ConversationItem.FunctionCallOutput) {
            oldest.next();
            oldest.remove();
        }
    }
}
