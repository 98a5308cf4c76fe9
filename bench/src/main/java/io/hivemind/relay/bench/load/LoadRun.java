package io.hivemind.relay.bench.load;

import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * One load run against one target: rooms are added (all their clients signalled, connected and publishing before
 * the call returns), then windows are measured. A window starts every client's statistics afresh on its loop, waits,
 * and sums what the clients saw with the CPU and GC figures of the relay process and of this one.
 */
final class LoadRun implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    /** Clients signalling at once: enough to hide round trips, few enough not to stall DTLS. */
    private static final int CONNECT_BATCH = 16;
    private static final int OPUS_PAYLOAD_TYPE = 111;
    private static final long FRAME_NANOS = 20_000_000L;

    private final LoadTarget target;
    private final LoadClients clients;
    private final OpusLoop opus;
    private final ProcessCpu serverCpu;
    private final JstatGc serverGc;
    private final ProcessCpu ownCpu = new ProcessCpu(ProcessHandle.current().pid());
    private final PrintStream out;
    private final List<LoadPeer> peers = new ArrayList<>();
    private final List<RoomShape> rooms = new ArrayList<>();
    private int nextSsrc = ThreadLocalRandom.current().nextInt(1, 1 << 20);
    /** Unique per run, so runs against one long-lived relay never meet an old room. */
    private final String roomPrefix = "load-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36)
            + "-";

    /** @param serverPid the relay process, for CPU and GC; its figures are 0 / absent when {@code null} */
    LoadRun(LoadTarget target, LoadClients clients, OpusLoop opus, Long serverPid, PrintStream out) {
        this.target = target;
        this.clients = clients;
        this.opus = opus;
        this.serverCpu = serverPid == null ? null : new ProcessCpu(serverPid);
        this.serverGc = serverPid == null ? null : new JstatGc(serverPid);
        this.out = out;
    }

    int peerCount() {
        return peers.size();
    }

    /**
     * Adds {@code count} rooms of {@code shape}; returns once every client is connected and the new talkers send.
     * The new talkers start only when all new clients are connected, so handshakes do not compete with their media
     * (rooms added earlier keep talking).
     */
    void addRooms(RoomShape shape, int count) throws Exception {
        List<Connect> talkers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String room = roomPrefix + rooms.size();
            rooms.add(shape);
            talkers.addAll(addRoom(room, shape));
        }
        for (Connect talker : talkers) {
            long offset = ThreadLocalRandom.current().nextLong(FRAME_NANOS);
            talker.peer().publish(opus, talker.ssrc(), OPUS_PAYLOAD_TYPE, offset);
        }
    }

    /** Connects one room's clients; returns its talkers, not yet sending. */
    private List<Connect> addRoom(String room, RoomShape shape) throws Exception {
        boolean separateListening = shape.talkersListen() && !target.publishersReceive();
        int connections = shape.participants() + (separateListening ? shape.talkers() : 0);
        target.prepareRoom(room, shape.talkers(), connections);
        List<String> talkers = new ArrayList<>();
        List<Connect> batch = new ArrayList<>();
        for (int t = 0; t < shape.talkers(); t++) {
            String identity = room + "-talker-" + t;
            talkers.add(identity);
            LoadPeer peer = clients.open(identity);
            int ssrc = nextSsrc++;
            batch.add(new Connect(peer, () -> target.publish(room, identity, peer, ssrc), ssrc));
        }
        connect(batch);
        List<Connect> talking = List.copyOf(batch);
        batch.clear();
        if (separateListening) {
            for (String talker : talkers) {
                LoadPeer peer = clients.open(talker + "-ears");
                List<String> others = talkers.stream().filter(other -> !other.equals(talker)).toList();
                if (!others.isEmpty()) {
                    batch.add(new Connect(peer, () -> target.subscribe(room, talker + "-ears", peer, others), 0));
                }
            }
        }
        for (int l = 0; l < shape.listeners(); l++) {
            String identity = room + "-listener-" + l;
            LoadPeer peer = clients.open(identity);
            batch.add(new Connect(peer, () -> target.subscribe(room, identity, peer, talkers), 0));
        }
        connect(batch);
        return talking;
    }

    /** One client to connect: its signalling, and the SSRC it publishes once all are connected (0: it listens). */
    private record Connect(LoadPeer peer, Supplier<CompletableFuture<Void>> signal, int ssrc) {
    }

    private void connect(List<Connect> all) throws Exception {
        for (int from = 0; from < all.size(); from += CONNECT_BATCH) {
            List<Connect> batch = all.subList(from, Math.min(all.size(), from + CONNECT_BATCH));
            List<CompletableFuture<Void>> connected = new ArrayList<>();
            for (Connect connect : batch) {
                peers.add(connect.peer());
                connected.add(connect.signal().get().thenCompose(signalled -> connect.peer().connected()));
            }
            for (int i = 0; i < batch.size(); i++) {
                Connect connect = batch.get(i);
                try {
                    connected.get(i).get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IOException(connect.peer().name() + " did not connect: "
                            + (e.getCause() != null ? e.getCause() : e), e);
                }
            }
            out.printf("  connected %d clients%n", peers.size());
        }
    }

    /**
     * Waits {@code warmup}, then measures for {@code window} and returns the result.
     *
     * @param scenario the label reports carry
     */
    WindowResult measure(String scenario, Duration warmup, Duration window) throws Exception {
        Progress progress = new Progress(clients.counters(), serverCpu, ownCpu, out);
        progress.start();
        try {
            Thread.sleep(warmup.toMillis());
            // jstat takes a while to start: read it outside the timed span.
            JstatGc.Totals serverGc0 = serverGc == null ? null : serverGc.read();
            RelayDelay relayDelay0 = target.relayDelay();
            for (LoadPeer peer : peers) {
                peer.startWindow().get(10, TimeUnit.SECONDS);
            }
            long start = System.nanoTime();
            PeerCounters.Counts counts0 = clients.counters().snapshot();
            long server0 = serverCpu == null ? 0 : serverCpu.cpuNanos();
            long own0 = ownCpu.cpuNanos();
            long[] ownGc0 = ownGc();
            Thread.sleep(window.toMillis());
            List<ReceiveStats.Snapshot> snapshots = new ArrayList<>(peers.size());
            for (LoadPeer peer : peers) {
                snapshots.add(peer.snapshot().get(10, TimeUnit.SECONDS));
            }
            PeerCounters.Counts counts = clients.counters().snapshot().minus(counts0);
            long server1 = serverCpu == null ? 0 : serverCpu.cpuNanos();
            long own1 = ownCpu.cpuNanos();
            long[] ownGc1 = ownGc();
            double seconds = (System.nanoTime() - start) / 1e9;
            double serverCores = (server1 - server0) / 1e9 / seconds;
            double ownCores = (own1 - own0) / 1e9 / seconds;
            JstatGc.Totals serverGc1 = serverGc == null ? null : serverGc.read();
            RelayDelay relayDelay1 = target.relayDelay();
            RelayDelay.Summary relayDelay = relayDelay0 == null || relayDelay1 == null ? null
                    : relayDelay1.minus(relayDelay0).summary();
            WindowResult.GcSummary serverGcSummary = serverGc0 == null || serverGc1 == null ? null
                    : gc(serverGc1.minus(serverGc0));
            return result(scenario, snapshots, counts, seconds, serverCores, ownCores, serverGcSummary,
                    new WindowResult.GcSummary(ownGc1[0] - ownGc0[0], ownGc1[1] - ownGc0[1]), relayDelay);
        } finally {
            progress.stop();
        }
    }

    private static WindowResult.GcSummary gc(JstatGc.Totals totals) {
        return new WindowResult.GcSummary(totals.collections(), totals.seconds() * 1000);
    }

    private WindowResult result(String scenario, List<ReceiveStats.Snapshot> snapshots, PeerCounters.Counts counts,
            double seconds, double serverCores, double ownCores, WindowResult.GcSummary serverGcSummary,
            WindowResult.GcSummary ownGcSummary, RelayDelay.Summary relayDelay) {
        Histogram transit = ReceiveStats.newHistogram();
        long expected = 0;
        long received = 0;
        long unstamped = 0;
        List<Double> jitter = new ArrayList<>();
        for (ReceiveStats.Snapshot snapshot : snapshots) {
            transit.add(snapshot.transitMicros());
            expected += snapshot.expected();
            received += snapshot.received();
            unstamped += snapshot.unstamped();
            jitter.addAll(snapshot.jitterMillis());
        }
        long lost = Math.max(0, expected - received);
        RoomShape shape = rooms.get(rooms.size() - 1);
        double serverCpuSeconds = serverCores * seconds;
        return new WindowResult(target.name(), scenario, rooms.size(), shape.talkers(), shape.listeners(),
                peers.size(), seconds, counts.sent(), counts.received(), lost,
                expected == 0 ? 0 : 100.0 * lost / expected, counts.sent() / seconds, counts.received() / seconds,
                LatencySummary.of(transit), JitterSummary.of(jitter), serverCores, ownCores,
                serverCpuSeconds > 0 ? counts.received() / serverCpuSeconds : 0, serverGcSummary, ownGcSummary,
                counts.receiveFailed(), unstamped, relayDelay);
    }

    /** This process's collections and milliseconds collecting so far. */
    private static long[] ownGc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, bean.getCollectionCount());
            millis += Math.max(0, bean.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    @Override
    public void close() throws Exception {
        List<Future<?>> closing = new ArrayList<>();
        for (LoadPeer peer : peers) {
            closing.add(peer.close());
        }
        for (Future<?> future : closing) {
            future.await(5, TimeUnit.SECONDS);
        }
        target.close();
    }
}
