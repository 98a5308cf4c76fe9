package io.hivemind.relay.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version stamped into the jar at build time. */
final class RelayVersion {
    private RelayVersion() {
    }

    static String current() {
        try (InputStream in = RelayVersion.class.getResourceAsStream("/relay-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build's version resource", e);
        }
    }
}
