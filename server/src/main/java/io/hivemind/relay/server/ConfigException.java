package io.hivemind.relay.server;

/** A configuration value that cannot be used; the message names the setting and where it came from. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
