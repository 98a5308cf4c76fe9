package io.hivemind.relay.server;

import io.hivemind.relay.signaling.auth.ApiKeyStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the relay is configured with. {@link RelayConfigLoader} builds it from defaults, an optional YAML file,
 * the environment and command-line flags (see docs/configuration.md). The defaults are the embedded development
 * set-up: loopback only, HTTP/WebSocket on 7880 and UDP media on 7882 (the ports LiveKit users know), data under
 * {@code ./data}, the development API key.
 *
 * @param announcedAddress the address put into ICE candidates when it differs from the bind address (1:1 NAT,
 *                         containers); {@code null} to announce the bind address
 * @param tls              certificate and key for HTTPS/h2, or {@code null} for cleartext HTTP and h2c
 * @param realtime         the Realtime endpoint and key of voice workers and BYOK calls
 */
public record RelayConfig(String bindHost, int httpPort, int mediaPort, String announcedAddress, Path dataDir,
                          ApiKeyStore apiKeys, Duration consentTimeout, TlsFiles tls, RealtimeConfig realtime) {

    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    public static final int DEFAULT_HTTP_PORT = 7880;
    public static final int DEFAULT_MEDIA_PORT = 7882;
    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    /** RFC 7675 §5.1: consent expires 30 s after the last successful check. */
    public static final Duration DEFAULT_CONSENT_TIMEOUT = Duration.ofSeconds(30);

    /** PEM files for TLS. */
    public record TlsFiles(Path certificateChain, Path privateKey) {
        public TlsFiles {
            if (certificateChain == null || privateKey == null) {
                throw new IllegalArgumentException("TLS needs both a certificate chain and a private key");
            }
        }
    }

    /** Without voice: no Realtime key, default endpoint. */
    public RelayConfig(String bindHost, int httpPort, int mediaPort, String announcedAddress, Path dataDir,
            ApiKeyStore apiKeys, Duration consentTimeout, TlsFiles tls) {
        this(bindHost, httpPort, mediaPort, announcedAddress, dataDir, apiKeys, consentTimeout, tls,
                RealtimeConfig.DEFAULT);
    }

    public RelayConfig {
        if (realtime == null) {
            throw new IllegalArgumentException("realtime settings must be set");
        }
        if (bindHost == null || bindHost.isBlank()) {
            throw new IllegalArgumentException("bind host must not be empty");
        }
        checkPort("HTTP port", httpPort);
        checkPort("media port", mediaPort);
        if (httpPort == mediaPort && httpPort != 0) {
            throw new IllegalArgumentException("HTTP port and media port must differ (both " + httpPort + ")");
        }
        if (announcedAddress != null && announcedAddress.isBlank()) {
            announcedAddress = null;
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("data directory must be set");
        }
        if (apiKeys == null) {
            throw new IllegalArgumentException("API keys must be set");
        }
        if (consentTimeout == null || consentTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("consent timeout must be at least 1 s, got " + consentTimeout);
        }
        if (apiKeys.isDevelopment() && !isLoopback(bindHost)) {
            throw new IllegalArgumentException("the development API key may only be used on a loopback address; "
                    + "configure keys (LIVEKIT_API_KEY / LIVEKIT_API_SECRET or the keys section) to bind " + bindHost);
        }
    }

    public static RelayConfig defaults() {
        return new RelayConfig(DEFAULT_BIND_HOST, DEFAULT_HTTP_PORT, DEFAULT_MEDIA_PORT, null, DEFAULT_DATA_DIR,
                ApiKeyStore.development(), DEFAULT_CONSENT_TIMEOUT, null);
    }

    /** The address clients are told to send media to. */
    public String mediaAddressForCandidates() {
        return announcedAddress != null ? announcedAddress : bindHost;
    }

    private static void checkPort(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 0..65535, got " + port);
        }
    }

    /** Literal addresses and "localhost" only: a host name is never resolved here. */
    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
