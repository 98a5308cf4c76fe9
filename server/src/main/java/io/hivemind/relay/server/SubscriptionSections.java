package io.hivemind.relay.server;

import io.hivemind.relay.signaling.sdp.OfferedAudio;
import io.hivemind.relay.signaling.sdp.OutgoingTrack;
import java.util.ArrayList;
import java.util.List;

/**
 * The sections through which one transport receives the room's audio: one per consumer, each carrying the
 * consumer's SSRC and an {@code a=msid} of the speaking participant's sid and track sid, so the browser raises a
 * track it can attribute. Mids never shift (RFC 8829 §5.2.2); a section whose consumer went is offered
 * {@code inactive} and is reused for a later consumer only once the client has agreed to that, because Chromium
 * raises a new track for a section that turns receiving again, not for one whose {@code msid} merely changes.
 */
final class SubscriptionSections {

    /** Mids of our sections; the client's own sections use its mids ("0", "1", ...). */
    static final String MID_PREFIX = "c";

    private final List<Slot> slots = new ArrayList<>();

    private static final class Slot {
        final String mid;
        int consumerSsrc;
        OutgoingTrack track;
        /** Idle and agreed idle by the client: free to carry a new consumer. */
        boolean reusable;

        Slot(String mid) {
            this.mid = mid;
        }
    }

    /** Adds a consumer; returns the mid of its section. */
    String add(int consumerSsrc, OutgoingTrack track) {
        Slot slot = slots.stream().filter(s -> s.reusable).findFirst().orElseGet(() -> {
            Slot created = new Slot(MID_PREFIX + (slots.size() + 1));
            slots.add(created);
            return created;
        });
        slot.consumerSsrc = consumerSsrc;
        slot.track = track;
        slot.reusable = false;
        return slot.mid;
    }

    /** Retires a consumer's section; false when no section carries it. */
    boolean remove(int consumerSsrc) {
        for (Slot slot : slots) {
            if (slot.track != null && slot.consumerSsrc == consumerSsrc) {
                slot.track = null;
                return true;
            }
        }
        return false;
    }

    /** The sections to offer, in mid order. */
    List<OfferedAudio> offered() {
        return slots.stream().map(slot -> new OfferedAudio(slot.mid, slot.track)).toList();
    }

    /** The client answered an offer listing {@code offered}: the sections idle in it may be reused. */
    void agreed(List<OfferedAudio> offered) {
        for (OfferedAudio section : offered) {
            if (section.track() == null) {
                slots.stream().filter(slot -> slot.mid.equals(section.mid()) && slot.track == null)
                        .forEach(slot -> slot.reusable = true);
            }
        }
    }

    /** Sections carrying a consumer now. */
    int active() {
        return (int) slots.stream().filter(slot -> slot.track != null).count();
    }
}
