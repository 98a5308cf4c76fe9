package io.hivemind.relay.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.hivemind.relay.hub.realtime.ApiSecret;
import io.hivemind.relay.signaling.auth.ApiKeyStore;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link RelayConfig} from, in increasing precedence: the defaults, a YAML file, environment variables and
 * command-line flags. Every source is first flattened to the same dotted setting names ({@code http.port}), so one
 * parser checks every value and an error names the setting and its source. Unknown settings are errors, so a typo
 * never passes silently. Secret values never appear in an error.
 */
public final class RelayConfigLoader {

    /** The settings a YAML file or the environment may hold, besides {@code keys.<name>}. */
    static final Set<String> SETTINGS = Set.of("bind", "data_dir", "http.port", "http.tls_cert", "http.tls_key",
            "media.port", "media.announced_address", "media.consent_timeout", "realtime.base_url", "realtime.model",
            "realtime.transcription_model", "realtime.client_secret_ttl");

    /** Environment variable → setting. */
    static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("RELAY_BIND", "bind"),
            Map.entry("RELAY_DATA_DIR", "data_dir"),
            Map.entry("RELAY_HTTP_PORT", "http.port"),
            Map.entry("RELAY_TLS_CERT", "http.tls_cert"),
            Map.entry("RELAY_TLS_KEY", "http.tls_key"),
            Map.entry("RELAY_MEDIA_PORT", "media.port"),
            Map.entry("RELAY_ANNOUNCED_ADDRESS", "media.announced_address"),
            Map.entry("RELAY_CONSENT_TIMEOUT", "media.consent_timeout"),
            Map.entry("RELAY_REALTIME_BASE_URL", "realtime.base_url"),
            Map.entry("RELAY_REALTIME_MODEL", "realtime.model"),
            Map.entry("RELAY_REALTIME_TRANSCRIPTION_MODEL", "realtime.transcription_model"),
            Map.entry("RELAY_REALTIME_CLIENT_SECRET_TTL", "realtime.client_secret_ttl"));

    private static final String KEYS = "keys.";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    private record Setting(String value, String source) {
    }

    private final Map<String, Setting> settings = new LinkedHashMap<>();
    /** From the environment only: a key in a config file would end up in backups and repositories. */
    private Optional<ApiSecret> realtimeKey = Optional.empty();

    /** Adds a YAML file's settings. */
    public RelayConfigLoader file(Path yaml) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readString(yaml));
        } catch (JacksonException e) {
            throw new ConfigException(yaml + ": not valid YAML (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new ConfigException(yaml + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return this;
        }
        if (!root.isObject()) {
            throw new ConfigException(yaml + ": the top level must be a mapping");
        }
        flatten("", root, yaml.getFileName().toString());
        return this;
    }

    /** Adds the relay's environment variables (others are ignored). */
    public RelayConfigLoader environment(Map<String, String> env) {
        ENVIRONMENT.forEach((variable, setting) -> {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                settings.put(setting, new Setting(value.trim(), "environment " + variable));
            }
        });
        realtimeKey = ApiSecret.fromEnvironment(env);
        String key = env.get("LIVEKIT_API_KEY");
        String secret = env.get("LIVEKIT_API_SECRET");
        if ((key == null) != (secret == null)) {
            throw new ConfigException("LIVEKIT_API_KEY and LIVEKIT_API_SECRET must be set together");
        }
        if (key != null) {
            settings.put(KEYS + key.trim(), new Setting(secret, "environment LIVEKIT_API_SECRET"));
        }
        return this;
    }

    /** Adds one command-line flag's value (flags win over everything else). */
    public RelayConfigLoader flag(String setting, Object value, String flag) {
        if (value != null) {
            settings.put(setting, new Setting(value.toString(), flag));
        }
        return this;
    }

    public RelayConfig load() {
        Map<String, String> keys = new LinkedHashMap<>();
        settings.forEach((name, setting) -> {
            if (name.startsWith(KEYS)) {
                keys.put(name.substring(KEYS.length()), setting.value());
            }
        });
        RelayConfig.TlsFiles tls = null;
        if (settings.containsKey("http.tls_cert") || settings.containsKey("http.tls_key")) {
            tls = new RelayConfig.TlsFiles(path("http.tls_cert", null), path("http.tls_key", null));
        }
        try {
            return new RelayConfig(
                    text("bind", RelayConfig.DEFAULT_BIND_HOST),
                    port("http.port", RelayConfig.DEFAULT_HTTP_PORT),
                    port("media.port", RelayConfig.DEFAULT_MEDIA_PORT),
                    text("media.announced_address", null),
                    path("data_dir", RelayConfig.DEFAULT_DATA_DIR),
                    keys.isEmpty() ? ApiKeyStore.development() : new ApiKeyStore(keys),
                    duration("media.consent_timeout", RelayConfig.DEFAULT_CONSENT_TIMEOUT),
                    tls,
                    realtime());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private RealtimeConfig realtime() {
        RealtimeConfig defaults = RealtimeConfig.DEFAULT;
        Setting url = settings.get("realtime.base_url");
        URI baseUrl;
        try {
            baseUrl = url == null ? defaults.baseUrl() : new URI(url.value());
        } catch (URISyntaxException e) {
            throw invalid("realtime.base_url", url, "not a URL");
        }
        return new RealtimeConfig(realtimeKey, baseUrl, text("realtime.model", defaults.model()),
                text("realtime.transcription_model", defaults.transcriptionModel()),
                duration("realtime.client_secret_ttl", defaults.clientSecretTtl()));
    }

    private void flatten(String prefix, JsonNode node, String source) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = prefix + field.getKey();
            JsonNode value = field.getValue();
            boolean section = value.isObject();
            if (name.equals("keys") && section) {
                value.properties().forEach(key -> {
                    if (!key.getValue().isValueNode()) {
                        throw new ConfigException(source + ": keys." + key.getKey() + " must be a secret string");
                    }
                    settings.put(KEYS + key.getKey(), new Setting(key.getValue().asText(), source));
                });
            } else if (section && (name.equals("http") || name.equals("media") || name.equals("realtime"))) {
                flatten(name + ".", value, source);
            } else if (SETTINGS.contains(name) && value.isValueNode() && !value.isNull()) {
                settings.put(name, new Setting(value.asText(), source));
            } else {
                throw new ConfigException(source + ": unknown setting " + name
                        + " (known: " + String.join(", ", new TreeSet<>(SETTINGS)) + ", keys)");
            }
        }
    }

    private String text(String name, String fallback) {
        Setting setting = settings.get(name);
        return setting == null ? fallback : setting.value();
    }

    private Path path(String name, Path fallback) {
        Setting setting = settings.get(name);
        if (setting == null) {
            if (fallback == null) {
                throw new ConfigException(name + " must be set");
            }
            return fallback;
        }
        return Path.of(setting.value());
    }

    private int port(String name, int fallback) {
        Setting setting = settings.get(name);
        if (setting == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(setting.value());
        } catch (NumberFormatException e) {
            throw invalid(name, setting, "not a port number");
        }
    }

    private Duration duration(String name, Duration fallback) {
        Setting setting = settings.get(name);
        if (setting == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(setting.value());
        if (!m.matches()) {
            throw invalid(name, setting, "not a duration (use 500ms, 30s, 2m or 1h)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static ConfigException invalid(String name, Setting setting, String why) {
        return new ConfigException(name + " from " + setting.source() + ": " + why + ", got '" + setting.value() + "'");
    }
}
