package io.hivemind.relay.media.opus;

import java.lang.ref.Cleaner;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one libopus encoder or decoder state. {@link #close()} is the release path; a {@link Cleaner} frees the
 * state too if its session becomes unreachable unclosed, and logs that as a leak.
 */
final class NativeOpusState {

    private static final Logger LOG = LoggerFactory.getLogger(NativeOpusState.class);
    private static final Cleaner CLEANER = Cleaner.create();

    private final Release release;
    private final Cleaner.Cleanable cleanable;
    private long address;

    NativeOpusState(Object owner, String kind, long address, LongConsumer destroy) {
        this.address = address;
        this.release = new Release(kind, address, destroy);
        this.cleanable = CLEANER.register(owner, release);
    }

    /** The native pointer; throws once closed. */
    long address() {
        if (address == 0) {
            throw new IllegalStateException(release.kind + " is closed");
        }
        return address;
    }

    boolean isClosed() {
        return address == 0;
    }

    /** Frees the native state; later calls do nothing. */
    void close() {
        if (address != 0) {
            address = 0;
            release.closedByOwner = true;
            cleanable.clean();
        }
    }

    /** Must not reference the session, or the session never becomes phantom-reachable. */
    private static final class Release implements Runnable {
        private final String kind;
        private final long address;
        private final LongConsumer destroy;
        private volatile boolean closedByOwner;

        Release(String kind, long address, LongConsumer destroy) {
            this.kind = kind;
            this.address = address;
            this.destroy = destroy;
        }

        @Override
        public void run() {
            if (!closedByOwner) {
                LOG.warn("{} leaked: it became unreachable without close(); freeing its libopus state now", kind);
            }
            destroy.accept(address);
        }
    }
}
