package io.hivemind.relay.sfu.room;

import io.hivemind.relay.media.rtcp.NtpTime;
import io.hivemind.relay.media.rtp.AudioLevelExtension;
import io.hivemind.relay.media.rtp.HeaderExtensions;
import io.hivemind.relay.media.rtp.RtpPacket;
import io.hivemind.relay.media.time.NanoClock;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A room: its participants, their producers and consumers, the router and the RTCP and active-speaker logic.
 *
 * <p><b>Threading</b>: one Netty {@link EventLoop} owns the room and everything in it, so nothing inside is
 * synchronized, volatile or concurrent. Other threads enter through {@link #call} / {@link #run} (inline when
 * already on the loop) or the public methods built on them, which return futures; {@link #onRtp} and
 * {@link #onRtcp} hop to the loop themselves. One periodic task ({@link RoomConfig#tickInterval()}) ticks the
 * transports (consent freshness), updates the active speakers, sends RTCP every {@link RoomConfig#rtcpTicks()} and
 * closes the room once it stayed empty past its deadline: {@link RoomConfig#emptyTimeout()} after creation while
 * nobody joined, {@link RoomConfig#departureTimeout()} after the last participant left.
 */
public final class Room {
    private static final Logger log = LoggerFactory.getLogger(Room.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final String name;
    private final EventLoop loop;
    private final RoomConfig config;
    private final NanoClock clock;
    private final long wallAnchorUnixNanos;
    private final long monotonicAnchorNanos;
    private final RoomCounters counters = new RoomCounters();
    private final RoomRouter router = new RoomRouter(counters);
    private final RtcpDispatcher rtcp = new RtcpDispatcher(router, counters);
    private final ActiveSpeakerDetector speakers;
    private final RtpPacket inbound = new RtpPacket();
    private final HeaderExtensions extensions = new HeaderExtensions();
    private final Roster roster;
    private final List<RoomListener> listeners = new ArrayList<>();
    private final Runnable onClosed;
    private final ScheduledFuture<?> ticker;
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private long ticks;
    /** While the room is empty, when the periodic task closes it (monotonic nanoseconds). */
    private long emptyDeadlineNanos;
    private boolean closed;

    /**
     * Creates a room on {@code loop} and starts its periodic task.
     *
     * @param clock     monotonic time for packet arrival, elapsed-time timestamp continuity and DLSR
     * @param wallClock read once, to anchor the NTP timestamps of sender reports to the monotonic clock
     * @param onClosed  called on the loop once the room closed (the service forgets it)
     */
    public Room(String name, EventLoop loop, RoomConfig config, NanoClock clock, Clock wallClock,
                Runnable onClosed) {
        this.name = name;
        this.loop = loop;
        this.config = config;
        this.clock = clock;
        Instant wall = wallClock.instant();
        this.wallAnchorUnixNanos = wall.getEpochSecond() * NANOS_PER_SECOND + wall.getNano();
        this.monotonicAnchorNanos = clock.nanoTime();
        this.emptyDeadlineNanos = monotonicAnchorNanos + config.emptyTimeout().toNanos();
        this.speakers = new ActiveSpeakerDetector(config.speechThresholdDbov(), config.speakerSwitchIntervals());
        this.onClosed = onClosed;
        this.roster = new Roster(this, config, new SsrcAllocator(new SplittableRandom()), speakers);
        long period = config.tickInterval().toNanos();
        this.ticker = loop.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
    }

    public String name() {
        return name;
    }

    public EventLoop eventLoop() {
        return loop;
    }

    public RoomConfig config() {
        return config;
    }

    /** Counters; read them on the loop, e.g. {@code room.call(() -> room.counters().rtpOut())}. */
    public RoomCounters counters() {
        return counters;
    }

    /** Runs {@code task} on the room's loop (inline when already there); the future carries its result. */
    public <T> CompletableFuture<T> call(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (loop.inEventLoop()) {
            complete(result, task);
        } else {
            try {
                loop.execute(() -> complete(result, task));
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(new RoomException(RoomError.ROOM_CLOSED, name + ": loop shut down"));
            }
        }
        return result;
    }

    /** Runs {@code task} on the room's loop; see {@link #call}. */
    public CompletableFuture<Void> run(Runnable task) {
        return call(() -> {
            task.run();
            return null;
        });
    }

    private static <T> void complete(CompletableFuture<T> result, Supplier<T> task) {
        try {
            result.complete(task.get());
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** Adds a listener; events are delivered on the room's loop, in order. */
    public CompletableFuture<Void> addListener(RoomListener listener) {
        return run(() -> listeners.add(listener));
    }

    public CompletableFuture<Void> removeListener(RoomListener listener) {
        return run(() -> listeners.remove(listener));
    }

    /** Joins a participant carried by {@code transport}; fails with a {@link RoomException} on limits. */
    public CompletableFuture<Participant> join(JoinOptions options, ParticipantTransport transport) {
        return call(() -> {
            if (closed) {
                throw new RoomException(RoomError.ROOM_CLOSED, name);
            }
            return roster.addParticipant(options, transport);
        });
    }

    /** Removes a participant: unpublishes its tracks (BYE to subscribers), closes its consumers and transport. */
    public CompletableFuture<Void> leave(String identity, String reason) {
        return run(() -> roster.removeParticipant(roster.participant(identity), reason));
    }

    /** Publishes an audio track, or republishes one with the same mid (new SSRC, consumers continue). */
    public CompletableFuture<TrackInfo> publish(String identity, TrackOptions options) {
        return call(() -> roster.addProducer(roster.participant(identity), options).info());
    }

    public CompletableFuture<Void> unpublish(String identity, String producerId) {
        return run(() -> roster.removeProducer(roster.producer(identity, producerId)));
    }

    /**
     * Sets the publisher's own mute ({@code byServer} false) or an admin's server mute ({@code byServer} true) of a
     * track. The two are separate flags and the track is forwarded only while neither is set, so a publisher
     * unmuting itself does not lift a server mute. A changed flag emits {@link RoomEvent.TrackMuted}.
     */
    public CompletableFuture<TrackInfo> setMuted(String identity, String producerId, boolean muted,
                                                 boolean byServer) {
        return call(() -> {
            Producer producer = roster.producer(identity, producerId);
            if (producer.setMuted(muted, byServer)) {
                emit(new RoomEvent.TrackMuted(name, producer.info(), byServer));
            }
            return producer.info();
        });
    }

    /** Subscribes a participant to a producer; returns the consumer's SSRC. */
    public CompletableFuture<Integer> subscribe(String subscriberIdentity, String producerId) {
        return call(() -> roster.addConsumer(roster.participant(subscriberIdentity), roster.findProducer(producerId))
                .ssrc());
    }

    public CompletableFuture<Void> unsubscribe(String subscriberIdentity, String producerId) {
        return run(() -> {
            Consumer consumer = roster.participant(subscriberIdentity).consumerOf(roster.findProducer(producerId));
            if (consumer != null) {
                roster.removeConsumer(consumer, "unsubscribed");
            }
        });
    }

    /** Pauses or resumes one subscriber's consumer of a producer; a paused consumer forwards nothing. */
    public CompletableFuture<Void> setSubscriptionPaused(String subscriberIdentity, String producerId,
                                                         boolean paused) {
        return run(() -> {
            Consumer consumer = roster.participant(subscriberIdentity).consumerOf(roster.findProducer(producerId));
            if (consumer == null) {
                throw new RoomException(RoomError.TRACK_NOT_FOUND, subscriberIdentity + " is not subscribed to "
                        + producerId);
            }
            consumer.setPaused(paused);
        });
    }

    /** Snapshots of the participants, in join order. */
    public CompletableFuture<List<ParticipantInfo>> participants() {
        return call(() -> roster.participants().stream().map(Participant::info).toList());
    }

    /** Snapshots of every published track. */
    public CompletableFuture<List<TrackInfo>> tracks() {
        return call(() -> roster.allProducers().stream().map(Producer::info).toList());
    }

    /**
     * Shows everyone a caption of what {@code identity} (a participant of this room) says: the whole text so far of
     * one utterance, keyed by {@code utteranceId}, so clients replace rather than append.
     */
    public CompletableFuture<Void> caption(String identity, RoomEvent.CaptionRole role, String utteranceId, String text,
            boolean complete) {
        return run(() -> emit(new RoomEvent.Caption(name, roster.participant(identity).info(), role, utteranceId, text,
                complete)));
    }

    /** Tells everyone what agent {@code identity} (a participant of this room) is doing, e.g. "thinking". */
    public CompletableFuture<Void> agentState(String identity, String state) {
        return run(() -> emit(new RoomEvent.AgentStateChanged(name, roster.participant(identity).info(), state)));
    }

    /** Tells everyone the state of the call this room serves (a call to an agent); {@code endReason} may be null. */
    public CompletableFuture<Void> callState(String callId, String state, String agentState, String endReason) {
        return run(() -> emit(new RoomEvent.CallStateChanged(name, callId, state, agentState, endReason)));
    }

    /** Closes the room: every participant leaves ("room closed"), the periodic task stops. */
    public CompletableFuture<Void> close() {
        return run(this::closeNow);
    }

    /** Completes on the loop once the room closed, whether by {@link #close()} or by its empty timeouts. */
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    /**
     * Inbound RTP from {@code sender}'s transport, unprotected. Takes ownership. Hops to the room's loop when
     * called from another thread.
     */
    public void onRtp(Participant sender, ByteBuf packet) {
        if (loop.inEventLoop()) {
            receiveRtp(sender, packet);
        } else {
            hop(packet, () -> receiveRtp(sender, packet));
        }
    }

    /** Inbound RTCP (compound or reduced-size) from {@code sender}'s transport. Takes ownership; hops likewise. */
    public void onRtcp(Participant sender, ByteBuf packet) {
        if (loop.inEventLoop()) {
            receiveRtcp(sender, packet);
        } else {
            hop(packet, () -> receiveRtcp(sender, packet));
        }
    }

    private void hop(ByteBuf packet, Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            packet.release();
        }
    }

    private void receiveRtp(Participant sender, ByteBuf packet) {
        assert loop.inEventLoop();
        counters.rtpIn++;
        counters.rtpBytesIn += packet.readableBytes();
        RoomDropReason drop = admitRtp(sender, packet);
        if (drop != null) {
            counters.drop(drop);
            packet.release();
            return;
        }
        Producer producer = sender.producerBySsrc(inbound.ssrc());
        long now = clock.nanoTime();
        producer.statistics().onPacket(inbound.sequenceNumber(), inbound.timestamp(), now);
        readAudioLevel(producer);
        if (producer.muted()) {
            counters.drop(RoomDropReason.PRODUCER_MUTED);
            packet.release();
            return;
        }
        if (producer.nack()) {
            producer.retransmissions().store(sender.transport().alloc(), inbound.sequenceNumber(), packet);
        }
        router.forward(producer, packet, now);
    }

    /** Wraps {@link #inbound} and says why the packet cannot be forwarded, or null. */
    private RoomDropReason admitRtp(Participant sender, ByteBuf packet) {
        if (closed || !sender.joined() || sender.room() != this) {
            return RoomDropReason.NOT_JOINED;
        }
        if (!inbound.wrap(packet)) {
            return RoomDropReason.MALFORMED_RTP;
        }
        Producer producer = sender.producerBySsrc(inbound.ssrc());
        if (producer == null) {
            return RoomDropReason.UNKNOWN_SSRC;
        }
        return inbound.payloadType() == producer.payloadType() ? null : RoomDropReason.WRONG_PAYLOAD_TYPE;
    }

    private void readAudioLevel(Producer producer) {
        int id = producer.audioLevelExtensionId();
        if (id == 0 || !inbound.hasExtension()) {
            return;
        }
        extensions.wrap(inbound);
        int encoded = AudioLevelExtension.read(extensions, id);
        if (encoded >= 0) {
            producer.onAudioLevel(AudioLevelExtension.level(encoded));
        }
    }

    private void receiveRtcp(Participant sender, ByteBuf packet) {
        assert loop.inEventLoop();
        try {
            counters.rtcpIn++;
            if (closed || !sender.joined() || sender.room() != this) {
                counters.drop(RoomDropReason.NOT_JOINED);
                return;
            }
            rtcp.dispatch(sender, packet, clock.nanoTime());
        } finally {
            packet.release();
        }
    }

    /** The periodic task: transport ticks, active speakers, and RTCP every {@code rtcpTicks}. */
    void tick() {
        assert loop.inEventLoop();
        if (closed) {
            return;
        }
        long now = clock.nanoTime();
        for (Participant p : new ArrayList<>(roster.participants())) {
            if (!p.transport().tick(now)) {
                roster.removeParticipant(p, "transport closed");
            }
        }
        if (roster.participants().isEmpty() && now - emptyDeadlineNanos >= 0) {
            log.info("[{}] closed: empty", name);
            closeNow();
            return;
        }
        List<Producer> changed = speakers.update(roster.allProducers());
        if (changed != null) {
            emit(new RoomEvent.ActiveSpeakersChanged(name, changed.stream()
                    .map(p -> new ActiveSpeaker(p.participant().identity(), p.id(), ActiveSpeakerDetector.level(p)))
                    .toList()));
        }
        if (++ticks % config.rtcpTicks() == 0) {
            sendReports(now);
        }
    }

    private void sendReports(long now) {
        long ntp = ntpAt(now);
        for (Participant p : roster.participants()) {
            ByteBuf rr = RtcpReports.receiverReport(p, now);
            if (rr != null) {
                sendRtcp(p, rr);
            }
            for (ByteBuf sr : RtcpReports.senderReports(p, now, ntp)) {
                sendRtcp(p, sr);
            }
        }
    }

    private void sendRtcp(Participant p, ByteBuf packet) {
        counters.rtcpOut++;
        try {
            p.transport().sendRtcp(packet);
        } catch (RuntimeException e) {
            counters.drop(RoomDropReason.SINK_FAILED);
            log.debug("[{}] transport of {} threw on RTCP", name, p.identity(), e);
        }
    }

    /** NTP time (RFC 3550 §4) of a monotonic instant: the wall clock read at creation plus elapsed time. */
    long ntpAt(long nanos) {
        return NtpTime.fromUnixNanos(wallAnchorUnixNanos + (nanos - monotonicAnchorNanos));
    }

    private void closeNow() {
        if (closed) {
            return;
        }
        for (Participant p : new ArrayList<>(roster.participants())) {
            roster.removeParticipant(p, "room closed");
        }
        closed = true;
        ticker.cancel(false);
        listeners.clear();
        onClosed.run();
        closeFuture.complete(null);
    }

    /** The last participant left: the room closes after the departure timeout unless someone joins. */
    void lastParticipantLeft() {
        emptyDeadlineNanos = clock.nanoTime() + config.departureTimeout().toNanos();
    }

    /** Sends a consumer's final SR and BYE to its subscriber (RFC 3550 §6.6). */
    void sendBye(Consumer consumer, String reason) {
        long now = clock.nanoTime();
        sendRtcp(consumer.subscriber(), RtcpReports.bye(consumer, now, ntpAt(now), reason));
    }

    void emit(RoomEvent event) {
        for (RoomListener listener : new ArrayList<>(listeners)) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("[{}] listener failed on {}", name, event.getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "Room[" + name + "]";
    }
}
