package io.hivemind.relay.server;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names the DTLS handshake threads {@code dtls-handshake-N}; daemons, so a stuck handshake never holds the JVM. */
final class DtlsThreads implements ThreadFactory {

    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, "dtls-handshake-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
