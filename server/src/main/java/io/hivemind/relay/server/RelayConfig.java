package io.hivemind.relay.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Where the relay listens and keeps its data. The defaults are the embedded development set-up: loopback only,
 * HTTP/WebSocket on 7880 and UDP media on 7882 (the ports LiveKit users know), data under {@code ./data}.
 */
public record RelayConfig(String bindHost, int httpPort, int mediaPort, Path dataDir) {

    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    public static final int DEFAULT_HTTP_PORT = 7880;
    public static final int DEFAULT_MEDIA_PORT = 7882;
    public static final Path DEFAULT_DATA_DIR = Path.of("data");

    public RelayConfig {
        if (bindHost == null || bindHost.isBlank()) {
            throw new IllegalArgumentException("bind host must not be empty");
        }
        checkPort("HTTP port", httpPort);
        checkPort("media port", mediaPort);
        if (httpPort == mediaPort && httpPort != 0) {
            throw new IllegalArgumentException("HTTP port and media port must differ (both " + httpPort + ")");
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("data directory must be set");
        }
    }

    public static RelayConfig defaults() {
        return new RelayConfig(DEFAULT_BIND_HOST, DEFAULT_HTTP_PORT, DEFAULT_MEDIA_PORT, DEFAULT_DATA_DIR);
    }

    public InetSocketAddress httpAddress() {
        return InetSocketAddress.createUnresolved(bindHost, httpPort);
    }

    private static void checkPort(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 0..65535, got " + port);
        }
    }
}
