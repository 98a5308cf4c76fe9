package io.hivemind.relay.hub.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who may speak among the agents of one room: the agents present, in the order they came (the first is the room's
 * <em>lead</em>), and the one agent, if any, that holds the floor. A worker takes the floor when the first audio of
 * an answer arrives and gives it back when its playback drained or a human barged in; while another agent holds
 * it, a worker's answer is dropped (and asked for again once the floor is free, unless a human barged in), so two
 * agents never talk at once. See docs/architecture.md, "Floor control in multi-agent rooms".
 *
 * <p>Thread-safe with one short lock: it is consulted once per server event or voice tick, never per packet.
 * Listeners run outside the lock, on the thread that changed the floor, and must not block.
 */
final class Floor {

    /** Hears what changes at the floor; called outside the floor's lock, from any worker's thread. */
    @FunctionalInterface
    interface Listener {
        /** Agents came or left (the worker switches between answering by itself and being addressed). */
        void onMembersChanged();

        /** The floor came free: an answer played out or its agent left, or a human barged in. */
        default void onFloorFreed(boolean byBargeIn) {
        }
    }

    private static final class Member {
        final String agentId;
        final String spokenName;
        final String spokenId;
        Listener listener = () -> { };

        Member(String agentId, String name) {
            this.agentId = agentId;
            this.spokenName = words(name);
            this.spokenId = words(agentId);
        }

        boolean addressedIn(String spoken) {
            return contains(spoken, spokenName) || contains(spoken, spokenId);
        }
    }

    // Guarded by this.
    private final List<Member> members = new ArrayList<>();
    private String holder;
    private long bargeIns;

    /** Seats agent {@code agentId} (display name {@code name}); the first agent seated is the lead. */
    Seat join(String agentId, String name) {
        Objects.requireNonNull(agentId, "agentId");
        synchronized (this) {
            if (member(agentId) != null) {
                throw new IllegalStateException("agent " + agentId + " is already seated");
            }
            members.add(new Member(agentId, Objects.requireNonNull(name, "name")));
        }
        notifyMembers();
        return new Seat(agentId);
    }

    synchronized boolean isEmpty() {
        return members.isEmpty();
    }

    /** The agent holding the floor, or null. */
    synchronized String holder() {
        return holder;
    }

    private Member member(String agentId) {
        for (Member m : members) {
            if (m.agentId.equals(agentId)) {
                return m;
            }
        }
        return null;
    }

    private List<Listener> listeners() {
        synchronized (this) {
            return members.stream().map(m -> m.listener).toList();
        }
    }

    private void notifyMembers() {
        listeners().forEach(Listener::onMembersChanged);
    }

    private void notifyFreed(boolean byBargeIn) {
        listeners().forEach(listener -> listener.onFloorFreed(byBargeIn));
    }

    /** Lower-case letters and digits, every other run of characters one space, with a space at each end. */
    static String words(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append(' ');
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c)) {
                out.appendCodePoint(Character.toLowerCase(c));
            } else if (out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        }
        if (out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
        return out.toString();
    }

    private static boolean contains(String spoken, String phrase) {
        return !phrase.isBlank() && spoken.contains(phrase);
    }

    /** One agent's place at the floor: what its worker asks and does. */
    final class Seat {
        private final String agentId;

        private Seat(String agentId) {
            this.agentId = agentId;
        }

        /** Hears membership changes from now on. */
        void follow(Listener listener) {
            synchronized (Floor.this) {
                Member me = member(agentId);
                if (me != null) {
                    me.listener = Objects.requireNonNull(listener, "listener");
                }
            }
        }

        /** Whether another agent is in the room: then agents answer only when addressed or as the lead. */
        boolean shared() {
            synchronized (Floor.this) {
                return members.size() >= 2;
            }
        }

        /** Takes the floor if it is free; true if this agent holds it now. */
        boolean acquire() {
            synchronized (Floor.this) {
                if (holder == null && member(agentId) != null) {
                    holder = agentId;
                }
                return agentId.equals(holder);
            }
        }

        /** Gives the floor back (its answer was played out); nothing if another agent holds it. */
        void release() {
            synchronized (Floor.this) {
                if (!agentId.equals(holder)) {
                    return;
                }
                holder = null;
            }
            notifyFreed(false);
        }

        /** A human started talking while this agent held the floor: it gives the floor back and says why. */
        void bargeIn() {
            synchronized (Floor.this) {
                if (!agentId.equals(holder)) {
                    return;
                }
                holder = null;
                bargeIns++;
            }
            notifyFreed(true);
        }

        boolean holds() {
            synchronized (Floor.this) {
                return agentId.equals(holder);
            }
        }

        /** Whether another agent holds the floor (what this agent hears now is, at least in part, that agent). */
        boolean othersHold() {
            synchronized (Floor.this) {
                return holder != null && !agentId.equals(holder);
            }
        }

        /** Whether this agent is the room's lead: the first seated of those present. */
        boolean lead() {
            synchronized (Floor.this) {
                return !members.isEmpty() && members.get(0).agentId.equals(agentId);
            }
        }

        /** Barge-ins so far in the room: a change tells that a human spoke over the agent that held the floor. */
        long bargeIns() {
            synchronized (Floor.this) {
                return bargeIns;
            }
        }

        /**
         * Whether this agent answers a human's turn: when {@code transcript} names it (its display name or id, as
         * whole words, in any case), or when it is the lead and names no other agent of the room.
         */
        boolean answers(String transcript) {
            String spoken = words(transcript);
            synchronized (Floor.this) {
                Member me = member(agentId);
                if (me == null) {
                    return false;
                }
                if (me.addressedIn(spoken)) {
                    return true;
                }
                if (!lead()) {
                    return false;
                }
                for (Member other : members) {
                    if (other != me && other.addressedIn(spoken)) {
                        return false;
                    }
                }
                return true;
            }
        }

        /** Leaves the room's floor (giving it back if held); the next agent in order becomes the lead. */
        void leave() {
            boolean left;
            boolean freed;
            synchronized (Floor.this) {
                Member me = member(agentId);
                left = me != null && members.remove(me);
                freed = agentId.equals(holder);
                if (freed) {
                    holder = null;
                }
            }
            if (left) {
                notifyMembers();
            }
            if (freed) {
                notifyFreed(false);
            }
        }
    }
}
