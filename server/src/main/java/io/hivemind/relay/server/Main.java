package io.hivemind.relay.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code relay} command line: {@code relay serve [options]}, {@code relay --version}. */
@Command(name = "relay", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Hivemind Relay: a self-hosted voice room server for humans and AI voice agents.",
        subcommands = {Main.Serve.class})
public final class Main implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams; returns the process exit code. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
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
            description = "Start the relay with embedded defaults (loopback, dev keys, data under ./data).")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--bind", description = "Address to bind (default: ${DEFAULT-VALUE}).")
        String bindHost = RelayConfig.DEFAULT_BIND_HOST;

        @Option(names = "--http-port", description = "HTTP/WebSocket port (default: ${DEFAULT-VALUE}).")
        int httpPort = RelayConfig.DEFAULT_HTTP_PORT;

        @Option(names = "--media-port", description = "UDP media port (default: ${DEFAULT-VALUE}).")
        int mediaPort = RelayConfig.DEFAULT_MEDIA_PORT;

        @Option(names = "--data-dir", description = "Data directory (default: ${DEFAULT-VALUE}).")
        Path dataDir = RelayConfig.DEFAULT_DATA_DIR;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            RelayConfig config;
            try {
                config = new RelayConfig(bindHost, httpPort, mediaPort, dataDir);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("relay serve: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            out.printf("Hivemind Relay %s%n", RelayVersion.current());
            out.printf("HTTP/WebSocket http://%s:%d  UDP media %s:%d  data %s%n", config.bindHost(),
                    config.httpPort(), config.bindHost(), config.mediaPort(), config.dataDir());
            out.println("Nothing to serve yet: the media core is built; rooms and signaling come next.");
            return CommandLine.ExitCode.OK;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Hivemind Relay " + RelayVersion.current()};
        }
    }
}
