package io.hivemind.relay.sfu.api;

import io.hivemind.relay.media.time.NanoClock;
import io.hivemind.relay.sfu.room.JoinOptions;
import io.hivemind.relay.sfu.room.Participant;
import io.hivemind.relay.sfu.room.ParticipantTransport;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.room.RoomConfig;
import io.hivemind.relay.sfu.room.RoomCounters;
import io.hivemind.relay.sfu.room.RoomError;
import io.hivemind.relay.sfu.room.RoomException;
import io.hivemind.relay.sfu.room.RoomListener;
import io.hivemind.relay.sfu.room.TrackInfo;
import io.hivemind.relay.sfu.room.TrackOptions;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The in-process facade of the SFU used by signaling, REST and hub-bridge voice workers: rooms by name, each
 * assigned round robin to one loop of the media {@link EventLoopGroup}, with limits and stable
 * {@link RoomError} codes. A room that closes, by {@link #closeRoom} or by its empty or departure timeout
 * ({@link RoomConfig}), is forgotten at once and its name is free again. Thread-safe; room operations run on the
 * room's loop and complete the returned futures there (do not block in their continuations).
 */
public final class RoomService implements AutoCloseable {
    private final EventLoopGroup group;
    private final RoomServiceConfig config;
    private final NanoClock clock;
    private final Clock wallClock;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    /** Per loop, the counters of the rooms that closed on it; written and read on that loop only. */
    private final Map<EventLoop, RoomCounters> closedRooms = new ConcurrentHashMap<>();

    public RoomService(EventLoopGroup group, RoomServiceConfig config, NanoClock clock, Clock wallClock) {
        this.group = group;
        this.config = config;
        this.clock = clock;
        this.wallClock = wallClock;
    }

    /**
     * Creates a room with the service's room settings.
     *
     * @throws RoomException {@code ROOM_EXISTS} or {@code ROOM_LIMIT}
     */
    public Room createRoom(String name) {
        return createRoom(name, config.room());
    }

    /**
     * Creates a room with its own settings (for example the REST API's {@code emptyTimeout}).
     *
     * @throws RoomException {@code ROOM_EXISTS} or {@code ROOM_LIMIT}
     */
    public synchronized Room createRoom(String name, RoomConfig roomConfig) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("room name is empty");
        }
        if (rooms.containsKey(name)) {
            throw new RoomException(RoomError.ROOM_EXISTS, name);
        }
        return open(name, roomConfig);
    }

    /** The limits and the settings rooms get unless created with their own. */
    public RoomServiceConfig config() {
        return config;
    }

    /** The room with this name, created if absent (LiveKit creates rooms on first join). */
    public synchronized Room getOrCreateRoom(String name) {
        Room room = rooms.get(name);
        return room != null ? room : createRoom(name);
    }

    private Room open(String name, RoomConfig roomConfig) {
        if (rooms.size() >= config.maxRooms()) {
            throw new RoomException(RoomError.ROOM_LIMIT, "at most " + config.maxRooms() + " rooms");
        }
        EventLoop loop = group.next();
        Room[] created = new Room[1];
        created[0] = new Room(name, loop, roomConfig, clock, wallClock, () -> {
            rooms.remove(name, created[0]);
            closedRooms.computeIfAbsent(loop, l -> new RoomCounters()).add(created[0].counters());
        });
        rooms.put(name, created[0]);
        return created[0];
    }

    public Optional<Room> room(String name) {
        return Optional.ofNullable(rooms.get(name));
    }

    /** @throws RoomException {@code ROOM_NOT_FOUND} */
    public Room requireRoom(String name) {
        Room room = rooms.get(name);
        if (room == null) {
            throw new RoomException(RoomError.ROOM_NOT_FOUND, name);
        }
        return room;
    }

    /** The open rooms, by name. */
    public List<Room> rooms() {
        List<Room> list = new ArrayList<>(rooms.values());
        list.sort((a, b) -> a.name().compareTo(b.name()));
        return list;
    }

    /**
     * The counters of every room this service ever opened, summed. Each loop adds, on itself, the totals of the
     * rooms that closed on it to those of its open rooms; a room moves from one to the other within one task of
     * its loop, so the sums only grow. Fails if a loop has shut down.
     */
    public CompletableFuture<RoomCounters> counters() {
        List<CompletableFuture<RoomCounters>> perLoop = new ArrayList<>();
        for (EventExecutor executor : group) {
            EventLoop loop = (EventLoop) executor;
            CompletableFuture<RoomCounters> sum = new CompletableFuture<>();
            try {
                loop.execute(() -> sum.complete(countersOn(loop)));
            } catch (RejectedExecutionException e) {
                sum.completeExceptionally(e);
            }
            perLoop.add(sum);
        }
        return CompletableFuture.allOf(perLoop.toArray(CompletableFuture[]::new)).thenApply(done -> {
            RoomCounters total = new RoomCounters();
            perLoop.forEach(loop -> total.add(loop.join()));
            return total;
        });
    }

    private RoomCounters countersOn(EventLoop loop) {
        RoomCounters sum = new RoomCounters();
        RoomCounters closed = closedRooms.get(loop);
        if (closed != null) {
            sum.add(closed);
        }
        for (Room room : rooms.values()) {
            if (room.eventLoop() == loop) {
                sum.add(room.counters());
            }
        }
        return sum;
    }

    /** Closes a room: everyone leaves, the name becomes free. */
    public CompletableFuture<Void> closeRoom(String name) {
        return withRoom(name, Room::close);
    }

    public CompletableFuture<Participant> join(String room, JoinOptions options, ParticipantTransport transport) {
        return withRoom(room, r -> r.join(options, transport));
    }

    /**
     * Joins through an in-process {@link DirectTransport} (voice workers); the future yields the transport, bound
     * to its participant.
     */
    public CompletableFuture<DirectTransport> joinDirect(String room, JoinOptions options,
                                                        DirectTransport.Receiver receiver) {
        return withRoom(room, r -> {
            DirectTransport transport = new DirectTransport(ByteBufAllocator.DEFAULT, receiver);
            return r.join(options, transport).thenApply(participant -> {
                transport.attach(participant);
                return transport;
            });
        });
    }

    public CompletableFuture<Void> leave(String room, String identity) {
        return withRoom(room, r -> r.leave(identity, "left"));
    }

    public CompletableFuture<TrackInfo> publish(String room, String identity, TrackOptions track) {
        return withRoom(room, r -> r.publish(identity, track));
    }

    public CompletableFuture<Void> unpublish(String room, String identity, String producerId) {
        return withRoom(room, r -> r.unpublish(identity, producerId));
    }

    /**
     * Server-side mute (admin): sets or clears the track's server mute flag, separate from the publisher's own
     * mute (the track forwards only while neither is set; the publisher cannot lift this one); a change emits
     * {@code TrackMuted(byServer = true)}.
     */
    public CompletableFuture<TrackInfo> mute(String room, String identity, String producerId, boolean muted) {
        return withRoom(room, r -> r.setMuted(identity, producerId, muted, true));
    }

    /** Subscribes explicitly (for participants joined without auto-subscribe); yields the consumer SSRC. */
    public CompletableFuture<Integer> subscribe(String room, String subscriberIdentity, String producerId) {
        return withRoom(room, r -> r.subscribe(subscriberIdentity, producerId));
    }

    public CompletableFuture<Void> addListener(String room, RoomListener listener) {
        return withRoom(room, r -> r.addListener(listener));
    }

    private <T> CompletableFuture<T> withRoom(String name, Function<Room, CompletableFuture<T>> action) {
        Room room = rooms.get(name);
        if (room == null) {
            return CompletableFuture.failedFuture(new RoomException(RoomError.ROOM_NOT_FOUND, name));
        }
        return action.apply(room);
    }

    /** Closes every room and waits; call it from outside the media loops. The loop group belongs to the caller. */
    @Override
    public void close() {
        // A room whose loop is already shut down cannot run its close; its resources went with the loop.
        CompletableFuture.allOf(rooms.values().stream().map(room -> room.close().exceptionally(e -> null))
                .toArray(CompletableFuture[]::new)).join();
    }
}
