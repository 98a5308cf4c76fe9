package io.hivemind.relay.server;

import io.hivemind.relay.sfu.api.RoomService;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.transport.DropReason;
import io.hivemind.relay.sfu.transport.MediaSocketGroup;
import io.hivemind.relay.sfu.transport.UdpMediaSocket;
import io.hivemind.relay.signaling.http.RelayStats;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link RelayStats} over the running SFU. The room count is read at scrape time; the participant count and the
 * media sockets' drop counters live on the media loops, so they are collected there every refresh interval and
 * a scrape reads the last collection (a scrape runs on a signaling loop, which must not wait for another loop).
 *
 * <p>Not wired yet, so reported as 0: packets and bytes in/out, ICE and DTLS failures and the forwarding delay
 * histogram. They need the WebRTC sessions (the next step), whose transports and rooms keep those counters.
 */
final class SfuRelayStats implements RelayStats, AutoCloseable {

    private final RoomService rooms;
    private final MediaSocketGroup sockets;
    private final ScheduledFuture<?> refresher;
    private volatile long participants;
    private volatile Map<String, Long> drops;

    SfuRelayStats(RoomService rooms, MediaSocketGroup sockets, Duration refreshInterval) {
        this.rooms = rooms;
        this.sockets = sockets;
        this.drops = dropsByName(new EnumMap<>(DropReason.class));
        long period = refreshInterval.toNanos();
        this.refresher = sockets.eventLoopGroup().next()
                .scheduleAtFixedRate(this::refresh, 0, period, TimeUnit.NANOSECONDS);
    }

    /** Starts a collection on the loops; the fields change when every loop has answered. */
    private void refresh() {
        List<CompletableFuture<Integer>> counts = new ArrayList<>();
        for (Room room : rooms.rooms()) {
            counts.add(room.participants().thenApply(List::size).exceptionally(closed -> 0));
        }
        List<CompletableFuture<Map<DropReason, Long>>> socketDrops = new ArrayList<>();
        for (UdpMediaSocket socket : sockets.sockets()) {
            socketDrops.add(socket.dropCounts());
        }
        CompletableFuture.allOf(counts.toArray(CompletableFuture[]::new)).thenRun(
                () -> participants = counts.stream().mapToLong(CompletableFuture::join).sum());
        CompletableFuture.allOf(socketDrops.toArray(CompletableFuture[]::new)).thenRun(() -> {
            Map<DropReason, Long> total = new EnumMap<>(DropReason.class);
            socketDrops.forEach(f -> f.join().forEach((reason, n) -> total.merge(reason, n, Long::sum)));
            drops = dropsByName(total);
        });
    }

    private static Map<String, Long> dropsByName(Map<DropReason, Long> counts) {
        Map<String, Long> byName = new LinkedHashMap<>();
        for (DropReason reason : DropReason.values()) {
            byName.put(reason.name().toLowerCase(Locale.ROOT), counts.getOrDefault(reason, 0L));
        }
        return Map.copyOf(byName);
    }

    @Override
    public long rooms() {
        return rooms.rooms().size();
    }

    @Override
    public long participants() {
        return participants;
    }

    @Override
    public long packetsIn() {
        return 0;
    }

    @Override
    public long packetsOut() {
        return 0;
    }

    @Override
    public long bytesIn() {
        return 0;
    }

    @Override
    public long bytesOut() {
        return 0;
    }

    @Override
    public Map<String, Long> dropsByReason() {
        return drops;
    }

    @Override
    public long iceFailures() {
        return 0;
    }

    @Override
    public long dtlsFailures() {
        return 0;
    }

    @Override
    public long addForwardingDelayTo(long[] bucketCounts) {
        return 0;
    }

    /** Stops the periodic collection. */
    @Override
    public void close() {
        refresher.cancel(false);
    }
}
