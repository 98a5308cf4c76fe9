package io.hivemind.relay.server;

/** The relay could not start, with a one-line message naming what failed (for example the port in use). */
public final class RelayStartException extends Exception {

    private static final long serialVersionUID = 1L;

    RelayStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
