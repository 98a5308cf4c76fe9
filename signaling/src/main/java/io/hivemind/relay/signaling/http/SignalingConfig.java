package io.hivemind.relay.signaling.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Listener settings of the signaling server.
 *
 * @param bindAddress address to listen on (default 127.0.0.1)
 * @param port TCP port (default 7880; 0 picks a free port)
 * @param maxBodyBytes request bodies and WebSocket messages above this are refused (413 / close 1009)
 * @param idleTimeout a connection that sends nothing for this long is closed
 * @param webSocketPingInterval the server pings each WebSocket this often so that live clients keep reading
 * @param certificateChain PEM certificate chain for TLS, or null for cleartext (h2c)
 * @param privateKey PEM PKCS#8 private key for TLS, or null
 */
public record SignalingConfig(String bindAddress, int port, int maxBodyBytes, Duration idleTimeout,
        Duration webSocketPingInterval, Path certificateChain, Path privateKey) {

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 7880;
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public SignalingConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(webSocketPingInterval, "webSocketPingInterval");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        if (webSocketPingInterval.isNegative() || webSocketPingInterval.isZero()
                || webSocketPingInterval.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException("webSocketPingInterval must be positive and below idleTimeout");
        }
        if ((certificateChain == null) != (privateKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate chain and a private key");
        }
    }

    /** 127.0.0.1:7880, 64 KiB bodies, 60 s idle timeout, 20 s WebSocket pings, no TLS. */
    public static SignalingConfig defaults() {
        return new SignalingConfig(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES,
                Duration.ofSeconds(60), Duration.ofSeconds(20), null, null);
    }

    /** This config listening on {@code bindAddress:port}. */
    public SignalingConfig withListen(String bindAddress, int port) {
        return new SignalingConfig(bindAddress, port, maxBodyBytes, idleTimeout, webSocketPingInterval,
                certificateChain, privateKey);
    }

    /** This config with TLS from PEM files. */
    public SignalingConfig withTls(Path certificateChain, Path privateKey) {
        return new SignalingConfig(bindAddress, port, maxBodyBytes, idleTimeout, webSocketPingInterval,
                certificateChain, privateKey);
    }

    public boolean tls() {
        return certificateChain != null;
    }
}
