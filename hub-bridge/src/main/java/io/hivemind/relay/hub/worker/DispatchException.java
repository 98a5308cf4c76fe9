package io.hivemind.relay.hub.worker;

/** A dispatch or removal that failed, with its {@link DispatchError}. The message never carries a secret. */
public final class DispatchException extends RuntimeException {

    private final DispatchError error;

    public DispatchException(DispatchError error, String message) {
        super(message);
        this.error = error;
    }

    public DispatchError error() {
        return error;
    }
}
