package io.hivemind.relay.bench.load;

import io.hivemind.relay.signaling.auth.ApiKeyStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load tool's command line: {@code run} drives one target through a scenario and writes its report;
 * {@code floor} measures what the machine alone adds to transit; {@code compare} puts reports (ours and a peer's)
 * side by side. See docs/benchmarks.md.
 */
@Command(name = "load-tool", mixinStandardHelpOptions = true, subcommands = {LoadTool.Run.class,
        LoadTool.Floor.class, LoadTool.Compare.class}, description = "Real WebRTC audio clients against an SFU: latency, jitter, loss, CPU.")
public final class LoadTool {

    /** The scenarios of issue 6, and a free shape. */
    enum Scenario { TALKERS, ROOMS, RAMP, CUSTOM }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadTool()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    /** {@code run}: one target, one scenario. */
    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a scenario against one target.")
    static final class Run implements Callable<Integer> {

        @Option(names = "--target", required = true, description = "hivemind or janus")
        String target;

        @Option(names = "--url", description = "relay: http://host:port (default http://127.0.0.1:7880);"
                + " janus: its HTTP API (default http://127.0.0.1:8088/janus)")
        URI url;

        @Option(names = "--api-key", defaultValue = "devkey", description = "relay API key (default: ${DEFAULT-VALUE})")
        String apiKey;

        @Option(names = "--api-secret-env", defaultValue = "RELAY_API_SECRET",
                description = "environment variable holding the API secret; the development secret when unset")
        String apiSecretEnv;

        @Option(names = "--subscribe-mode", defaultValue = "LISTEN_ONLY",
                description = "relay listeners: LISTEN_ONLY (the relay offers the speakers) or SILENT_PUBLISH"
                        + " (relays without the subscription path)")
        RelayTarget.SubscribeMode subscribeMode;

        @Option(names = "--server-pid", description = "the relay's process id, for CPU (/proc) and GC (jstat)")
        Long serverPid;

        @Option(names = "--scenario", defaultValue = "TALKERS",
                description = "TALKERS (1 room, 10 talkers, listeners), ROOMS (rooms x 4 talking), RAMP, CUSTOM")
        Scenario scenario;

        @Option(names = "--rooms", description = "rooms (ROOMS default 50, CUSTOM default 1)")
        Integer rooms;

        @Option(names = "--talkers", description = "talkers per room")
        Integer talkers;

        @Option(names = "--listeners", description = "listeners per room")
        Integer listeners;

        @Option(names = "--warmup", defaultValue = "5", description = "seconds before a window (default 5)")
        int warmupSeconds;

        @Option(names = "--first-warmup", defaultValue = "20", description = "seconds before the first window"
                + " (default 20): a freshly started relay is still compiling its packet path")
        int firstWarmupSeconds;

        @Option(names = "--duration", defaultValue = "20", description = "seconds per window (default 20)")
        int durationSeconds;

        @Option(names = "--ramp-step-rooms", defaultValue = "1", description = "rooms added per ramp step")
        int rampStepRooms;

        @Option(names = "--ramp-max-steps", defaultValue = "30", description = "ramp steps at most")
        int rampMaxSteps;

        @Option(names = "--max-loss", defaultValue = "0.1", description = "ramp limit: loss in percent")
        double maxLossPercent;

        @Option(names = "--max-p99-ms", defaultValue = "5", description = "ramp limit: p99 transit in ms")
        double maxP99Millis;

        @Option(names = "--client-loops", defaultValue = "1", description = "client event loop threads")
        int clientLoops;

        @Option(names = "--out", description = "report path without extension (default bench/target/load/"
                + "<target>-<scenario>)")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintStream console = System.out;
            RoomShape shape = shape();
            int roomCount = rooms != null ? rooms : scenario == Scenario.ROOMS ? 50 : 1;
            String command = "load-tool " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
            String started = Instant.now().toString();
            console.printf("load tool: %s, scenario %s, rooms of %d talkers + %d listeners%n", target, scenario,
                    shape.talkers(), shape.listeners());
            OpusLoop opus = OpusLoop.encode(250);
            List<WindowResult> windows = new ArrayList<>();
            WindowResult capacity = null;
            try (LoadClients clients = new LoadClients(clientLoops);
                 LoadRun run = new LoadRun(target(), clients, opus, serverPid, console)) {
                Duration warmup = Duration.ofSeconds(warmupSeconds);
                Duration firstWarmup = Duration.ofSeconds(Math.max(warmupSeconds, firstWarmupSeconds));
                Duration window = Duration.ofSeconds(durationSeconds);
                if (scenario == Scenario.RAMP) {
                    for (int step = 1; step <= rampMaxSteps; step++) {
                        try {
                            run.addRooms(shape, rampStepRooms);
                        } catch (IOException e) {
                            // Clients that cannot even connect under the load so far: past capacity.
                            console.printf("ramp step %d: %s; stopping%n", step, e.getMessage());
                            break;
                        }
                        WindowResult result = run.measure("ramp-" + step, step == 1 ? firstWarmup : warmup,
                                window);
                        windows.add(result);
                        console.println(summary(result));
                        if (!result.within(maxLossPercent, Math.round(maxP99Millis * 1000))) {
                            break;
                        }
                        capacity = result;
                    }
                } else {
                    run.addRooms(shape, roomCount);
                    WindowResult result = run.measure(scenario.name().toLowerCase(Locale.ROOT), firstWarmup,
                            window);
                    windows.add(result);
                    console.println(summary(result));
                }
            }
            LoadReport report = new LoadReport(target, started, Machine.describe(), Machine.jdk(), command, windows,
                    capacity);
            Path base = out != null ? out : Path.of("bench", "target", "load",
                    target + "-" + scenario.name().toLowerCase(Locale.ROOT));
            report.write(base);
            console.println(report.markdown());
            console.printf("report: %s.json, %s.md%n", base, base);
            return 0;
        }

        private RoomShape shape() {
            return switch (scenario) {
                case TALKERS -> new RoomShape(or(talkers, 10), or(listeners, 90), true);
                case ROOMS -> new RoomShape(or(talkers, 4), or(listeners, 0), true);
                case RAMP -> new RoomShape(or(talkers, 5), or(listeners, 20), true);
                case CUSTOM -> new RoomShape(or(talkers, 2), or(listeners, 2), true);
            };
        }

        private static int or(Integer value, int fallback) {
            return value != null ? value : fallback;
        }

        private LoadTarget target() throws IOException, InterruptedException {
            return switch (target) {
                case "hivemind" -> {
                    String secret = System.getenv(apiSecretEnv);
                    yield new RelayTarget(url != null ? url : URI.create("http://127.0.0.1:7880"), apiKey,
                            secret != null ? secret
                                    : ApiKeyStore.DEVELOPMENT_SECRET,
                            subscribeMode);
                }
                case "janus" -> new JanusTarget(url != null ? url : URI.create("http://127.0.0.1:8088/janus"));
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--target must be hivemind or janus, not " + target);
            };
        }

        private static String summary(WindowResult w) {
            return String.format(Locale.ROOT, "%s: %d clients, %,.0f forwarded/s, loss %.3f%%, p99 %s,"
                    + " p99.9 %s, relay CPU %.0f%%, load tool CPU %.0f%%", w.scenario(), w.peers(),
                    w.receivedPerSecond(), w.lossPercent(), LoadReport.millis(w.latencyMicros().p99()),
                    LoadReport.millis(w.latencyMicros().p999()), 100 * w.serverCores(), 100 * w.loadToolCores());
        }
    }

    /** {@code floor}: two UDP hops through a plain forwarder, at the rates given, without any relay. */
    @Command(name = "floor", mixinStandardHelpOptions = true,
            description = "The machine's own transit floor: a plain forwarder instead of a relay.")
    static final class Floor implements Callable<Integer> {

        @Option(names = "--streams", split = ",", defaultValue = "1,10,200",
                description = "streams of 50 packets/s, one measurement per value (default ${DEFAULT-VALUE})")
        List<Integer> streams;

        @Option(names = "--warmup", defaultValue = "3", description = "seconds before each window (default 3)")
        int warmupSeconds;

        @Option(names = "--duration", defaultValue = "10", description = "seconds per window (default 10)")
        int durationSeconds;

        @Option(names = "--out", defaultValue = "bench/target/load/floor.json", description = "the JSON to write")
        Path out;

        @Override
        public Integer call() throws Exception {
            List<LoopbackFloor.Result> results = new ArrayList<>();
            for (int count : streams) {
                results.add(LoopbackFloor.measure(count, Duration.ofSeconds(warmupSeconds),
                        Duration.ofSeconds(durationSeconds), System.out));
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            LoadReport.JSON.writeValue(out.toFile(), results);
            System.out.println(floorMarkdown(results));
            return 0;
        }
    }

    static String floorMarkdown(List<LoopbackFloor.Result> results) {
        StringBuilder md = new StringBuilder("The machine's floor (`load-tool floor`: the same two UDP hops through a"
                + " plain Netty forwarder, no relay, no SRTP):\n\n| streams | packets/s | p50 | p90 | p99 | p99.9 |"
                + " max |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LoopbackFloor.Result r : results) {
            LatencySummary l = r.latencyMicros();
            md.append(String.format(Locale.ROOT, "| %d | %,.0f | %s | %s | %s | %s | %s |%n", r.streams(),
                    r.packetsPerSecond(), LoadReport.millis(l.p50()), LoadReport.millis(l.p90()),
                    LoadReport.millis(l.p99()), LoadReport.millis(l.p999()), LoadReport.millis(l.max())));
        }
        return md.toString();
    }

    /** {@code compare}: ours beside a peer, from pairs of JSON reports (one pair per scenario). */
    @Command(name = "compare", mixinStandardHelpOptions = true, description = "Side-by-side report of runs.")
    static final class Compare implements Callable<Integer> {

        @Option(names = "--ours", required = true, description = "our report (.json); repeat, one per scenario")
        List<Path> ours;

        @Option(names = "--peer", required = true, description = "the peer's report (.json), in --ours order")
        List<Path> peers;

        @Option(names = "--out", required = true, description = "the combined markdown to write")
        Path out;

        @Option(names = "--floor", description = "the machine's floor (.json from floor) to show first")
        Path floor;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (ours.size() != peers.size()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give one --peer for each --ours ("
                        + ours.size() + " --ours, " + peers.size() + " --peer)");
            }
            List<SideBySide.Pair> pairs = new ArrayList<>();
            for (int i = 0; i < ours.size(); i++) {
                pairs.add(new SideBySide.Pair(LoadReport.read(ours.get(i)), LoadReport.read(peers.get(i))));
            }
            LoadReport first = pairs.get(0).ours();
            StringBuilder md = new StringBuilder("## Side by side: ").append(first.target()).append(" and ")
                    .append(pairs.get(0).peer().target()).append("\n\nMachine: ").append(first.machine())
                    .append("; JDK: ").append(first.jdk()).append("\n\n");
            if (floor != null) {
                md.append(floorMarkdown(List.of(LoadReport.JSON.readValue(floor.toFile(),
                        LoopbackFloor.Result[].class)))).append('\n');
            }
            md.append(SideBySide.markdown(pairs));
            for (SideBySide.Pair pair : pairs) {
                md.append('\n').append(pair.ours().markdown()).append('\n').append(pair.peer().markdown());
            }
            Files.writeString(out, md);
            System.out.println(md);
            return 0;
        }
    }
}
