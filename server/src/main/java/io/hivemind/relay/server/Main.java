package io.hivemind.relay.server;

import io.hivemind.relay.hub.agent.AgentRuntime;
import io.hivemind.relay.hub.agent.AgentsFileException;
import io.hivemind.relay.signaling.auth.ApiKeyStore;
import io.hivemind.relay.signaling.ws.WebSocketEndpoint;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code relay} command line: {@code relay serve [options]}, {@code relay --version}. */
@Command(name = "relay", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Hivemind Relay: a self-hosted voice room server for humans and AI voice agents.",
        subcommands = {Main.Serve.class})
public final class Main implements Callable<Integer> {

    /** Exit code when the configuration was valid but the relay could not start (a port in use). */
    static final int EXIT_START_FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(), args));
    }

    /** Runs the command line with the given streams and environment; returns the process exit code. */
    static int run(PrintWriter out, PrintWriter err, Map<String, String> environment, String... args) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cli = new CommandLine(new Main(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == Serve.class ? type.cast(new Serve(environment)) : defaults.create(type);
            }
        });
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.USAGE;
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {"Start the relay. Settings come from defaults, then --config (or RELAY_CONFIG), then the "
                    + "environment, then these flags; see docs/configuration.md."})
    static final class Serve implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--config", description = "YAML configuration file (default: $RELAY_CONFIG, else none).")
        Path configFile;

        @Option(names = "--bind", description = "Address to bind (default: 127.0.0.1).")
        String bindHost;

        @Option(names = "--http-port", description = "HTTP/WebSocket port (default: 7880).")
        Integer httpPort;

        @Option(names = "--media-port", description = "UDP media port (default: 7882).")
        Integer mediaPort;

        @Option(names = "--data-dir", description = "Data directory (default: ./data).")
        Path dataDir;

        /** For tests and smoke checks: start everything, print the addresses, close and exit 0. */
        @Option(names = "--exit-after-start", hidden = true)
        boolean exitAfterStart;

        private final Map<String, String> environment;

        Serve(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            RelayConfig config;
            try {
                config = load();
            } catch (ConfigException e) {
                spec.commandLine().getErr().println("relay serve: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            out.printf("Hivemind Relay %s%n", RelayVersion.current());
            out.printf("HTTP/WebSocket %s://%s:%d  UDP media %s:%d  data %s%n", config.tls() == null ? "http" : "https",
                    config.bindHost(), config.httpPort(), config.mediaAddressForCandidates(), config.mediaPort(),
                    config.dataDir());
            if (config.apiKeys().isDevelopment()) {
                out.printf("Development API key %s, secret %s (loopback only; configure keys for anything else)%n",
                        ApiKeyStore.DEVELOPMENT_KEY, ApiKeyStore.DEVELOPMENT_SECRET);
            } else {
                out.printf("API keys: %s%n", config.apiKeys());
            }
            Optional<AgentRuntime> agents;
            try {
                agents = AgentRuntime.fromEnvironment(environment, Path.of("").toAbsolutePath(),
                        environment.getOrDefault("HOSTNAME", "localhost"));
            } catch (AgentsFileException | IllegalArgumentException e) {
                spec.commandLine().getErr().println("relay serve: agents: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            out.println(config.realtime().key().isPresent()
                    ? "Voice: OpenAI Realtime " + config.realtime().model() + " at " + config.realtime().baseUrl()
                    : "Voice: off (set OPENAI_REALTIME_KEY or OPENAI_API_KEY to call agents into rooms)");
            out.println(agents.isPresent() ? "Agents: " + agents.get()
                    : "Agents: none (set HIVEMIND_HUB_URL or add agents/agents.yaml)");
            RelayServer server;
            try {
                server = RelayServer.start(config, agents);
            } catch (RelayStartException e) {
                spec.commandLine().getErr().println("relay serve: " + e.getMessage());
                return EXIT_START_FAILED;
            }
            printListening(out, server);
            if (exitAfterStart) {
                server.close();
                return CommandLine.ExitCode.OK;
            }
            awaitShutdown(server);
            return CommandLine.ExitCode.OK;
        }

        private static void printListening(PrintWriter out, RelayServer server) {
            String base = (server.tls() ? "https" : "http") + "://" + hostPort(server.httpAddress());
            out.printf("Listening: HTTP/WebSocket %s (WebSocket %s%s)  UDP media %s%n", base,
                    server.tls() ? "wss" : "ws", base.substring(base.indexOf(':')) + WebSocketEndpoint.PATH,
                    server.mediaAddresses().stream().map(Main::hostPort).collect(Collectors.joining(" ")));
            out.printf("REST %s/api/rooms  health %s/healthz  metrics %s/metrics%n", base, base, base);
            out.printf("Call page: open %s/ in a browser%n", base);
        }

        /** Blocks until the JVM is asked to stop; the shutdown hook closes the server, then this returns. */
        private static void awaitShutdown(RelayServer server) {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "relay-shutdown"));
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.close();
            }
        }

        private RelayConfig load() {
            RelayConfigLoader loader = new RelayConfigLoader();
            Path file = configFile;
            if (file == null && environment.get("RELAY_CONFIG") != null) {
                file = Path.of(environment.get("RELAY_CONFIG"));
            }
            if (file != null) {
                loader.file(file);
            }
            return loader.environment(environment)
                    .flag("bind", bindHost, "--bind")
                    .flag("http.port", httpPort, "--http-port")
                    .flag("media.port", mediaPort, "--media-port")
                    .flag("data_dir", dataDir, "--data-dir")
                    .load();
        }
    }

    /** host:port with IPv6 literals in brackets. */
    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Hivemind Relay " + RelayVersion.current()};
        }
    }
}
