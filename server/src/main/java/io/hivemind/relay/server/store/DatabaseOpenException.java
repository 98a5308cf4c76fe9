package io.hivemind.relay.server.store;

/** The relay database could not be opened; the message names the file and says what is wrong, in one line. */
public final class DatabaseOpenException extends Exception {

    private static final long serialVersionUID = 1L;

    DatabaseOpenException(String message, Throwable cause) {
        super(message, cause);
    }
}
