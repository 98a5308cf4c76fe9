package io.hivemind.relay.hub.voice;

import io.hivemind.relay.media.time.NanoClock;
import io.hivemind.relay.sfu.api.DirectTransport;
import io.hivemind.relay.sfu.api.RoomService;
import io.hivemind.relay.sfu.room.JoinOptions;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.room.RoomEvent;
import io.hivemind.relay.sfu.room.RoomListener;
import io.hivemind.relay.sfu.room.TrackInfo;
import io.hivemind.relay.sfu.room.TrackOptions;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A voice agent in a room, in process: joins as {@code agent-<id>} (marked as an agent, auto-subscribing) through a
 * {@link DirectTransport}, publishes one Opus track, hears everyone else through a {@link RoomAudioInput} and
 * speaks through a {@link RoomAudioOutput}.
 *
 * <p><b>Threads</b>: the room's loop delivers RTP and subscription events to the input (copy and queue only). One
 * {@code voice-agent-<id>} thread per participant runs both pipelines' 20 ms tick (the input first, so a frame heard
 * and a frame said share the tick), at a fixed rate from the JVM's monotonic clock ({@link Pacing#REAL_TIME}) or
 * when the caller asks ({@link Pacing#MANUAL}), and finally closes the codecs.
 * {@link #output()}'s {@code speak}/{@code interrupt} may be called from any thread (the Realtime client's loop).
 *
 * <p><b>Speakers</b>: the listener is registered before the join, so the {@code TrackSubscribed} events the join
 * itself emits (auto-subscription to tracks already published) map those consumer SSRCs to their speakers too.
 *
 * <p>Leaving ({@link #leave}, or the room removing the participant or closing) stops the tick, removes the listener
 * and frees the Opus encoder and decoders on the voice thread.
 */
public final class VoiceParticipant implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VoiceParticipant.class);
    /** The mid of the worker's only track. */
    static final String TRACK_MID = "voice";

    private final RoomService rooms;
    private final Room room;
    private final String identity;
    private final RoomAudioInput input;
    private final ScheduledExecutorService voiceThread;
    private final RoomListener listener;
    private final Pacing pacing;
    private final AtomicBoolean released = new AtomicBoolean();
    /** Consumer SSRC → speaker identity, written on the room's loop, read anywhere. */
    private final Map<Integer, String> speakers = new ConcurrentHashMap<>();
    private volatile DirectTransport transport;
    private volatile RoomAudioOutput output;
    private volatile TrackInfo track;
    private ScheduledFuture<?> ticker;
    /** Voice thread only. */
    private long tickFailures;

    private VoiceParticipant(RoomService rooms, Room room, String identity, VoiceAudioConfig config,
                             NanoClock clock, PcmSink sink, Pacing pacing) {
        this.rooms = rooms;
        this.pacing = pacing;
        this.room = room;
        this.identity = identity;
        this.input = new RoomAudioInput(identity, config, clock, sink);
        this.voiceThread = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("voice-" + identity,
                true));
        this.listener = this::onRoomEvent;
    }

    /**
     * Joins {@code roomName} as {@code agent-<agentId>} and publishes the agent's track.
     *
     * @param clock the monotonic clock of jitter buffers and pacing ({@link NanoClock#SYSTEM} in production)
     * @param sink  receives the mix-minus as 24 kHz PCM chunks on the voice thread
     * @param pacing {@link Pacing#REAL_TIME} in production
     * @return completes (on the room's loop) once the track is published and the tick runs; fails with the
     *         room's {@code RoomException} (room missing, full, identity taken), having released everything
     */
    public static CompletableFuture<VoiceParticipant> join(RoomService rooms, String roomName, String agentId,
                                                           String displayName, VoiceAudioConfig config,
                                                           NanoClock clock, PcmSink sink, Pacing pacing) {
        Room room;
        try {
            room = rooms.requireRoom(roomName);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        String identity = "agent-" + agentId;
        // JoinOptions.of's receive settings (Opus on 111, audio level on id 1) under the agent's display name.
        JoinOptions options = new JoinOptions(identity, displayName, "", false, false, true, 111, 1).asAgent();
        VoiceParticipant participant = new VoiceParticipant(rooms, room, identity, config, clock, sink,
                Objects.requireNonNull(pacing, "pacing"));
        SplittableRandom random = new SplittableRandom();
        int ssrc = random.nextInt(1, Integer.MAX_VALUE);
        return room.addListener(participant.listener)
                .thenCompose(v -> rooms.joinDirect(roomName, options, participant.receiver()))
                .thenCompose(transport -> {
                    participant.transport = transport;
                    participant.output = new RoomAudioOutput(ssrc, options.opusPayloadType(),
                            options.audioLevelExtensionId(), config, clock, transport.alloc(),
                            transport::sendRtpToRoom, random.nextInt(), random.nextInt());
                    return rooms.publish(roomName, identity, new TrackOptions(TRACK_MID, ssrc,
                            options.opusPayloadType(), options.audioLevelExtensionId(), true));
                })
                .handle((published, failure) -> {
                    if (failure != null) {
                        participant.leave();
                        throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
                    }
                    participant.start(published);
                    return participant;
                });
    }

    private DirectTransport.Receiver receiver() {
        return new DirectTransport.Receiver() {
            @Override
            public void onRtp(ByteBuf packet) {
                input.onRtp(packet);
            }

            @Override
            public void onClose() {
                release();
            }
        };
    }

    private void onRoomEvent(RoomEvent event) {
        if (event instanceof RoomEvent.TrackSubscribed sub && sub.subscriberIdentity().equals(identity)) {
            speakers.put(sub.consumerSsrc(), sub.track().participantIdentity());
            input.onSubscribed(sub.consumerSsrc(), sub.track().participantIdentity());
        } else if (event instanceof RoomEvent.TrackUnsubscribed unsub
                && unsub.subscriberIdentity().equals(identity)) {
            speakers.remove(unsub.consumerSsrc());
            input.onUnsubscribed(unsub.consumerSsrc());
        }
    }

    private synchronized void start(TrackInfo published) {
        track = published;
        if (!released.get() && pacing == Pacing.REAL_TIME) {
            ticker = voiceThread.scheduleAtFixedRate(this::tick0, RoomAudio.FRAME_NANOS, RoomAudio.FRAME_NANOS,
                    TimeUnit.NANOSECONDS);
        }
    }

    private void tick0() {
        // An exception escaping a periodic task would silently cancel it: the worker would go deaf and mute.
        try {
            input.tick();
        } catch (RuntimeException e) {
            tickFailed("input", e);
        }
        try {
            output.tick();
        } catch (RuntimeException e) {
            tickFailed("output", e);
        }
    }

    /** Logs the 1st, 2nd, 4th, 8th… failure: a broken sink would otherwise log 50 times a second. */
    private void tickFailed(String side, RuntimeException e) {
        if (Long.bitCount(++tickFailures) == 1) {
            log.warn("[{}] {}: {} tick failed (failure {})", room.name(), identity, side, tickFailures, e);
        }
    }

    /**
     * Runs one 20 ms tick (hear, then speak) on the voice thread; with {@link Pacing#MANUAL} only.
     *
     * @return completes once the tick ran
     */
    public CompletableFuture<Void> tick() {
        if (pacing != Pacing.MANUAL) {
            throw new IllegalStateException("the voice thread paces this participant itself");
        }
        try {
            return CompletableFuture.runAsync(this::tick0, voiceThread);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException(identity + " has left", e));
        }
    }

    /** Stops the tick and frees the codecs on the voice thread, once. */
    private synchronized void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        if (ticker != null) {
            ticker.cancel(false);
        }
        room.removeListener(listener);
        voiceThread.execute(() -> {
            input.close();
            RoomAudioOutput out = output;
            if (out != null) {
                out.close();
            }
        });
        voiceThread.shutdown();
    }

    /** The participant identity, {@code agent-<id>}. */
    public String identity() {
        return identity;
    }

    public String roomName() {
        return room.name();
    }

    /** The published track (its SSRC is {@link RoomAudioOutput#ssrc()}). */
    public TrackInfo track() {
        return track;
    }

    /** Who the agent hears: consumer SSRC → speaker identity, a snapshot (any thread). */
    public Map<Integer, String> speakers() {
        return Map.copyOf(speakers);
    }

    /** What the agent hears. */
    public RoomAudioInput input() {
        return input;
    }

    /** What the agent says: {@code speak}, {@code interrupt}. */
    public RoomAudioOutput output() {
        return output;
    }

    /**
     * Leaves the room and releases everything; completes once the room has processed the leave. Idempotent; safe
     * from any thread.
     */
    public CompletableFuture<Void> leave() {
        CompletableFuture<Void> left = transport == null ? CompletableFuture.completedFuture(null)
                : rooms.leave(room.name(), identity).exceptionally(e -> null);
        return left.whenComplete((v, e) -> release());
    }

    /** Leaves and waits until the codecs are freed; not from an event loop. */
    @Override
    public void close() {
        leave().join();
        try {
            if (!voiceThread.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("[{}] {}: voice thread did not stop", room.name(), identity);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "VoiceParticipant[" + identity + " in " + room.name() + "]";
    }
}
