package io.hivemind.relay.hub.voice;

import io.hivemind.relay.sfu.api.DirectTransport;
import io.hivemind.relay.sfu.api.RoomService;
import io.hivemind.relay.sfu.room.JoinOptions;
import io.hivemind.relay.sfu.room.RoomEvent;
import io.hivemind.relay.sfu.room.TrackOptions;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A person in the room, in process: joins through a {@link DirectTransport} like a browser's session would land in
 * the room, publishes a tone as Opus RTP (frame by frame when the test drives time, or paced every 20 ms in real
 * time), and records the RTP it receives per consumer SSRC, with when it arrived.
 */
public final class SimulatedHuman implements DirectTransport.Receiver, AutoCloseable {
    static final int LEVEL_ID = 1;
    private static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final RoomService rooms;
    private final String room;
    private final String identity;
    private final int ssrc;
    private final OpusToneSender tone;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final List<SentRtp> received = new CopyOnWriteArrayList<>();
    /** Arrival time ({@link System#nanoTime()}) of each packet of {@link #received}, in the same order. */
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> consumerSsrcs = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private DirectTransport transport;
    private volatile long lastFrameNanos;

    public SimulatedHuman(RoomService rooms, String room, String identity, int ssrc, double hz) {
        this.rooms = rooms;
        this.room = room;
        this.identity = identity;
        this.ssrc = ssrc;
        this.tone = new OpusToneSender(ssrc, hz);
    }

    /** Joins and publishes; returns once the track is published. */
    public SimulatedHuman join() throws Exception {
        rooms.addListener(room, event -> {
            if (event instanceof RoomEvent.TrackSubscribed sub && sub.subscriberIdentity().equals(identity)) {
                consumerSsrcs.put(sub.track().participantIdentity(), sub.consumerSsrc());
            }
        }).get(5, TimeUnit.SECONDS);
        transport = rooms.joinDirect(room, JoinOptions.of(identity), this).get(5, TimeUnit.SECONDS);
        rooms.publish(room, identity, new TrackOptions("a", ssrc, 111, LEVEL_ID, false)).get(5, TimeUnit.SECONDS);
        return this;
    }

    /** Sends the tone's next 20 ms packet now (it reaches the room's loop asynchronously). */
    public void sendFrame() {
        lastFrameNanos = System.nanoTime();
        transport.sendRtpToRoom(tone.next());
    }

    /** Starts talking in real time: one packet every 20 ms from now on. */
    public SimulatedHuman talk() {
        pacer.scheduleAtFixedRate(this::sendFrame, 0, 20, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Talks in real time for {@code frames} packets, one every 20 ms, then falls silent; completes after the last. */
    public CompletableFuture<Void> say(int frames) {
        CompletableFuture<Void> said = new CompletableFuture<>();
        AtomicInteger sent = new AtomicInteger();
        ScheduledFuture<?> talking = pacer.scheduleAtFixedRate(() -> {
            int frame = sent.getAndIncrement();
            if (frame == 0 && lastFrameNanos != 0) {
                // Silent since the last turn: the RTP clock ran on meanwhile, as it does for a real sender.
                long silentFrames = (System.nanoTime() - lastFrameNanos) / FRAME_NANOS - 1;
                tone.skip(Math.max(0, silentFrames) * 960);
            }
            if (frame < frames) {
                sendFrame();
            } else {
                said.complete(null);
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        said.whenComplete((done, failure) -> talking.cancel(false));
        return said;
    }

    @Override
    public synchronized void onRtp(ByteBuf packet) {
        received.add(SentRtp.of(packet, LEVEL_ID));
        arrivals.add(System.nanoTime());
    }

    @Override
    public void onClose() {
        closed.complete(null);
    }

    /** The packets received from {@code speaker}'s track, in arrival order. */
    public List<SentRtp> receivedFrom(String speaker) {
        Integer consumer = consumerSsrcs.get(speaker);
        return consumer == null ? List.of() : received.stream().filter(p -> p.ssrc() == consumer).toList();
    }

    /** When each packet from {@code speaker}'s track arrived ({@link System#nanoTime()}), in arrival order. */
    public synchronized List<Long> arrivalsFrom(String speaker) {
        Integer consumer = consumerSsrcs.get(speaker);
        List<Long> times = new ArrayList<>();
        for (int i = 0; consumer != null && i < received.size(); i++) {
            if (received.get(i).ssrc() == consumer) {
                times.add(arrivals.get(i));
            }
        }
        return times;
    }

    public int receivedCount() {
        return received.size();
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        try {
            pacer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tone.close();
    }
}
