package io.hivemind.relay.sfu.room;

import java.util.ArrayList;
import java.util.List;

/**
 * A member of a room with its transport, the tracks it publishes ({@link Producer}) and the ones it receives
 * ({@link Consumer}). Owned by the room's event loop; other threads use {@link #info()} snapshots from events.
 */
public final class Participant {
    private final String id;
    private final Room room;
    private final JoinOptions options;
    private final ParticipantTransport transport;
    /** The SSRC this participant's RTCP from the room carries as sender (RR toward it, RFC 3550 §6.4.2). */
    private final int rtcpSsrc;
    /** Few per participant: a linear scan by SSRC beats a boxed map on the packet path. */
    final List<Producer> producers = new ArrayList<>(2);
    final List<Consumer> consumers = new ArrayList<>();
    private boolean joined = true;

    Participant(String id, Room room, JoinOptions options, ParticipantTransport transport, int rtcpSsrc) {
        this.id = id;
        this.room = room;
        this.options = options;
        this.transport = transport;
        this.rtcpSsrc = rtcpSsrc;
    }

    public String id() {
        return id;
    }

    public Room room() {
        return room;
    }

    public String identity() {
        return options.identity();
    }

    public JoinOptions options() {
        return options;
    }

    public ParticipantTransport transport() {
        return transport;
    }

    int rtcpSsrc() {
        return rtcpSsrc;
    }

    /** False once the participant left; its transport may still deliver a few packets, which are dropped. */
    public boolean joined() {
        return joined;
    }

    void markLeft() {
        joined = false;
    }

    Producer producerBySsrc(int ssrc) {
        for (int i = 0; i < producers.size(); i++) {
            Producer p = producers.get(i);
            if (p.ssrc() == ssrc) {
                return p;
            }
        }
        return null;
    }

    Producer producerByMid(String mid) {
        for (Producer p : producers) {
            if (p.mid().equals(mid)) {
                return p;
            }
        }
        return null;
    }

    Producer producerById(String producerId) {
        for (Producer p : producers) {
            if (p.id().equals(producerId)) {
                return p;
            }
        }
        return null;
    }

    Consumer consumerBySsrc(int ssrc) {
        for (int i = 0; i < consumers.size(); i++) {
            Consumer c = consumers.get(i);
            if (c.ssrc() == ssrc) {
                return c;
            }
        }
        return null;
    }

    Consumer consumerOf(Producer producer) {
        for (Consumer c : consumers) {
            if (c.producer() == producer) {
                return c;
            }
        }
        return null;
    }

    /** Producers this participant publishes; a copy. */
    public List<Producer> producers() {
        return List.copyOf(producers);
    }

    /** Consumers this participant receives; a copy. */
    public List<Consumer> consumers() {
        return List.copyOf(consumers);
    }

    public ParticipantInfo info() {
        return new ParticipantInfo(id, options.identity(), options.name(), options.metadata(), options.agent(),
                options.hidden());
    }

    @Override
    public String toString() {
        return "Participant[" + options.identity() + "]";
    }
}
