package io.hivemind.relay.sfu.room;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is in a room and who receives whom: joins and leaves, publish/republish/unpublish, subscriptions, with the
 * SSRC bookkeeping and the events each change emits. Auto-subscription lives here: a joining participant gets a
 * consumer of every other producer, a new producer one consumer per other auto-subscribing participant, never
 * one of its own. Room-loop only, like everything the {@link Room} owns.
 */
final class Roster {
    private static final Logger log = LoggerFactory.getLogger(Roster.class);

    private final Room room;
    private final String name;
    private final RoomConfig config;
    private final SsrcAllocator ssrcs;
    private final ActiveSpeakerDetector speakers;
    private final Map<String, Participant> participants = new LinkedHashMap<>();

    Roster(Room room, RoomConfig config, SsrcAllocator ssrcs, ActiveSpeakerDetector speakers) {
        this.room = room;
        this.name = room.name();
        this.config = config;
        this.ssrcs = ssrcs;
        this.speakers = speakers;
    }

    /** The participants in join order; a live view, copy before removing while iterating. */
    Collection<Participant> participants() {
        return participants.values();
    }

    Participant addParticipant(JoinOptions options, ParticipantTransport transport) {
        assert room.eventLoop().inEventLoop();
        if (participants.containsKey(options.identity())) {
            throw new RoomException(RoomError.PARTICIPANT_EXISTS, options.identity() + " is already in " + name);
        }
        if (participants.size() >= config.maxParticipants()) {
            throw new RoomException(RoomError.PARTICIPANT_LIMIT, name + " is full (" + config.maxParticipants()
                    + " participants)");
        }
        Participant participant = new Participant(ssrcs.id("PA_"), room, options, transport, ssrcs.allocate());
        participants.put(options.identity(), participant);
        log.debug("[{}] {} joined", name, options.identity());
        room.emit(new RoomEvent.ParticipantJoined(name, participant.info()));
        if (options.autoSubscribe()) {
            for (Producer producer : allProducers()) {
                if (producer.participant() != participant) {
                    addConsumer(participant, producer);
                }
            }
        }
        return participant;
    }

    void removeParticipant(Participant participant, String reason) {
        assert room.eventLoop().inEventLoop();
        if (!participant.joined()) {
            return;
        }
        for (Producer producer : new ArrayList<>(participant.producers)) {
            removeProducer(producer);
        }
        for (Consumer consumer : new ArrayList<>(participant.consumers)) {
            removeConsumer(consumer, null);
        }
        participant.markLeft();
        participants.remove(participant.identity());
        ssrcs.release(participant.rtcpSsrc());
        try {
            participant.transport().close();
        } catch (RuntimeException e) {
            log.warn("[{}] transport of {} failed to close", name, participant.identity(), e);
        }
        log.debug("[{}] {} left: {}", name, participant.identity(), reason);
        room.emit(new RoomEvent.ParticipantLeft(name, participant.info(), reason));
        if (participants.isEmpty()) {
            room.lastParticipantLeft();
        }
    }

    Producer addProducer(Participant participant, TrackOptions options) {
        assert room.eventLoop().inEventLoop();
        if (participant.options().hidden()) {
            throw new RoomException(RoomError.NOT_ALLOWED, "hidden participants cannot publish");
        }
        Producer existing = participant.producerByMid(options.mid());
        if (existing != null && existing.ssrc() == options.ssrc()) {
            existing.apply(options);
            return existing;
        }
        if (!ssrcs.claim(options.ssrc())) {
            throw new RoomException(RoomError.SSRC_IN_USE, "SSRC " + Integer.toUnsignedString(options.ssrc())
                    + " is in use in " + name);
        }
        if (existing != null) {
            ssrcs.release(existing.ssrc());
            existing.apply(options);
            room.emit(new RoomEvent.TrackPublished(name, existing.info()));
            return existing;
        }
        Producer producer = new Producer(ssrcs.id("TR_"), participant, options, config.retransmissionSlots());
        participant.producers.add(producer);
        room.emit(new RoomEvent.TrackPublished(name, producer.info()));
        for (Participant other : participants.values()) {
            if (other != participant && other.options().autoSubscribe()) {
                addConsumer(other, producer);
            }
        }
        return producer;
    }

    void removeProducer(Producer producer) {
        assert room.eventLoop().inEventLoop();
        for (Consumer consumer : new ArrayList<>(producer.consumers)) {
            removeConsumer(consumer, "track unpublished");
        }
        producer.participant().producers.remove(producer);
        speakers.remove(producer);
        ssrcs.release(producer.ssrc());
        producer.close();
        room.emit(new RoomEvent.TrackUnpublished(name, producer.info()));
    }

    Consumer addConsumer(Participant subscriber, Producer producer) {
        assert room.eventLoop().inEventLoop();
        if (producer.participant() == subscriber) {
            throw new RoomException(RoomError.NOT_ALLOWED, "a participant cannot subscribe to its own track");
        }
        Consumer existing = subscriber.consumerOf(producer);
        if (existing != null) {
            return existing;
        }
        Consumer consumer = new Consumer(subscriber, producer, ssrcs.allocate(),
                subscriber.options().opusPayloadType(), ssrcs.nextInt() & 0xFFFF, ssrcs.nextInt());
        producer.consumers.add(consumer);
        subscriber.consumers.add(consumer);
        room.emit(new RoomEvent.TrackSubscribed(name, subscriber.identity(), producer.info(), consumer.ssrc(),
                consumer.payloadType()));
        return consumer;
    }

    /** Removes a consumer; with a {@code byeReason} the subscriber gets a final SR and a BYE (RFC 3550 §6.6). */
    void removeConsumer(Consumer consumer, String byeReason) {
        Participant subscriber = consumer.subscriber();
        if (byeReason != null && subscriber.joined()) {
            room.sendBye(consumer, byeReason);
        }
        consumer.producer().consumers.remove(consumer);
        subscriber.consumers.remove(consumer);
        ssrcs.release(consumer.ssrc());
        room.emit(new RoomEvent.TrackUnsubscribed(name, subscriber.identity(), consumer.producer().info(),
                consumer.ssrc()));
    }

    List<Producer> allProducers() {
        List<Producer> all = new ArrayList<>();
        for (Participant p : participants.values()) {
            all.addAll(p.producers);
        }
        return all;
    }

    Participant participant(String identity) {
        Participant p = participants.get(identity);
        if (p == null) {
            throw new RoomException(RoomError.PARTICIPANT_NOT_FOUND, identity + " is not in " + name);
        }
        return p;
    }

    Producer producer(String identity, String producerId) {
        Producer producer = participant(identity).producerById(producerId);
        if (producer == null) {
            throw new RoomException(RoomError.TRACK_NOT_FOUND, identity + " has no track " + producerId);
        }
        return producer;
    }

    Producer findProducer(String producerId) {
        for (Producer producer : allProducers()) {
            if (producer.id().equals(producerId)) {
                return producer;
            }
        }
        throw new RoomException(RoomError.TRACK_NOT_FOUND, producerId + " is not published in " + name);
    }
}
