package io.hivemind.relay.server;

import io.hivemind.relay.sfu.api.RoomService;
import io.hivemind.relay.sfu.dtls.DtlsCounters;
import io.hivemind.relay.sfu.dtls.DtlsFailureReason;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.room.RoomCounters;
import io.hivemind.relay.sfu.room.RoomDropReason;
import io.hivemind.relay.sfu.transport.DropReason;
import io.hivemind.relay.sfu.transport.MediaSocketGroup;
import io.hivemind.relay.sfu.transport.MediaTraffic;
import io.hivemind.relay.sfu.transport.UdpMediaSocket;
import io.hivemind.relay.sfu.webrtc.WebRtcDropReason;
import io.hivemind.relay.sfu.webrtc.WebRtcStats;
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
 * {@link RelayStats} over the running SFU. The media path keeps plain single-writer counters per media loop: each
 * socket's RTP/RTCP traffic and drops, each loop's WebRTC transport totals ({@link WebRtcStats}) and room totals
 * ({@link RoomService#counters()}). A scrape runs on a signaling loop, which must not wait for another loop, so
 * those are collected on their loops every refresh interval and a scrape reads the last collection. The room count,
 * the DTLS failures ({@link DtlsCounters}, adders) and the forwarding-delay histograms (opaque reads) are read at
 * scrape time.
 *
 * <p>Drop reasons are the lower-case names of the socket's {@link DropReason}s, the transports'
 * {@link WebRtcDropReason}s and the rooms' {@link RoomDropReason}s (no name occurs twice).
 */
final class SfuRelayStats implements RelayStats, AutoCloseable {

    /** One collection from the media loops. */
    private record Collected(long participants, MediaTraffic traffic, Map<String, Long> drops, long iceFailures) {
    }

    private final RoomService rooms;
    private final MediaSocketGroup sockets;
    private final WebRtcStats webRtc;
    private final DtlsCounters dtls;
    private final ScheduledFuture<?> refresher;
    private volatile Collected last;

    SfuRelayStats(RoomService rooms, MediaSocketGroup sockets, WebRtcStats webRtc, DtlsCounters dtls,
            Duration refreshInterval) {
        this.rooms = rooms;
        this.sockets = sockets;
        this.webRtc = webRtc;
        this.dtls = dtls;
        this.last = new Collected(0, MediaTraffic.NONE, drops(Map.of(), new WebRtcStats.Totals(Map.of(), 0),
                new RoomCounters()), 0);
        long period = refreshInterval.toNanos();
        this.refresher = sockets.eventLoopGroup().next()
                .scheduleAtFixedRate(this::refresh, 0, period, TimeUnit.NANOSECONDS);
    }

    /** Starts a collection on the loops; {@link #last} changes when every loop has answered. */
    private void refresh() {
        List<CompletableFuture<Integer>> counts = new ArrayList<>();
        for (Room room : rooms.rooms()) {
            counts.add(room.participants().thenApply(List::size).exceptionally(closed -> 0));
        }
        List<CompletableFuture<Map<DropReason, Long>>> socketDrops = new ArrayList<>();
        List<CompletableFuture<MediaTraffic>> traffic = new ArrayList<>();
        for (UdpMediaSocket socket : sockets.sockets()) {
            socketDrops.add(socket.dropCounts());
            traffic.add(socket.traffic());
        }
        CompletableFuture<WebRtcStats.Totals> transports = webRtc.collect();
        CompletableFuture<RoomCounters> roomCounters = rooms.counters();
        List<CompletableFuture<?>> all = new ArrayList<>(counts);
        all.addAll(socketDrops);
        all.addAll(traffic);
        all.add(transports);
        all.add(roomCounters);
        // A loop that shut down fails its part: the last collection stays until the relay has closed.
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenRun(() -> {
            Map<DropReason, Long> socketTotal = new EnumMap<>(DropReason.class);
            socketDrops.forEach(f -> f.join().forEach((reason, n) -> socketTotal.merge(reason, n, Long::sum)));
            WebRtcStats.Totals transportTotals = transports.join();
            last = new Collected(counts.stream().mapToLong(CompletableFuture::join).sum(),
                    traffic.stream().map(CompletableFuture::join).reduce(MediaTraffic.NONE, MediaTraffic::plus),
                    drops(socketTotal, transportTotals, roomCounters.join()), transportTotals.iceFailures());
        });
    }

    private static Map<String, Long> drops(Map<DropReason, Long> socket, WebRtcStats.Totals transports,
            RoomCounters rooms) {
        Map<String, Long> byName = new LinkedHashMap<>();
        for (DropReason reason : DropReason.values()) {
            byName.put(name(reason), socket.getOrDefault(reason, 0L));
        }
        for (WebRtcDropReason reason : WebRtcDropReason.values()) {
            byName.put(name(reason), transports.drops().getOrDefault(reason, 0L));
        }
        for (RoomDropReason reason : RoomDropReason.values()) {
            byName.put(name(reason), rooms.drops(reason));
        }
        return Map.copyOf(byName);
    }

    private static String name(Enum<?> reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public long rooms() {
        return rooms.rooms().size();
    }

    @Override
    public long participants() {
        return last.participants();
    }

    @Override
    public long packetsIn() {
        return last.traffic().packetsIn();
    }

    @Override
    public long packetsOut() {
        return last.traffic().packetsOut();
    }

    @Override
    public long bytesIn() {
        return last.traffic().bytesIn();
    }

    @Override
    public long bytesOut() {
        return last.traffic().bytesOut();
    }

    @Override
    public Map<String, Long> dropsByReason() {
        return last.drops();
    }

    @Override
    public long iceFailures() {
        return last.iceFailures();
    }

    @Override
    public long dtlsFailures() {
        long failures = 0;
        for (DtlsFailureReason reason : DtlsFailureReason.values()) {
            failures += dtls.failures(reason);
        }
        return failures;
    }

    @Override
    public long addForwardingDelayTo(long[] bucketCounts) {
        long sumMicros = 0;
        for (UdpMediaSocket socket : sockets.sockets()) {
            sumMicros += socket.forwardingDelay().addTo(bucketCounts);
        }
        return sumMicros;
    }

    /** Stops the periodic collection. */
    @Override
    public void close() {
        refresher.cancel(false);
    }
}
