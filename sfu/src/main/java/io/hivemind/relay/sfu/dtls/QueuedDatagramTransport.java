package io.hivemind.relay.sfu.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The datagram pipe under Bouncy Castle's DTLS record layer: datagrams arrive from the event loop through a bounded
 * queue ({@link #offer} never blocks), and BC's blocking {@link #receive} waits on it from the handshake thread.
 * Sends go straight to the {@link DatagramSender}. Once closed, receive throws (ending any blocked handshake or reader
 * at once instead of letting BC poll until its timeout) and sends are dropped.
 */
final class QueuedDatagramTransport implements DatagramTransport {

    /** Wakes a receiver blocked on an empty queue when the transport closes. */
    private static final byte[] CLOSED_MARKER = new byte[0];

    private final BlockingQueue<byte[]> queue;
    private final DatagramSender sender;
    private final int capacity;
    private final int sendLimit;
    private volatile boolean closed;

    QueuedDatagramTransport(int capacity, DatagramSender sender, int sendLimit) {
        // One slot beyond the capacity offer() enforces, so the closed marker always fits.
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.sender = sender;
        this.sendLimit = sendLimit;
        this.capacity = capacity;
    }

    /** Queues a datagram the caller no longer touches; false when full or closed. */
    boolean offer(byte[] datagram) {
        return !closed && queue.size() < capacity && queue.offer(datagram);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public int getReceiveLimit() {
        return DtlsEndpoint.RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return sendLimit;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        byte[] datagram;
        try {
            datagram = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a DTLS datagram");
        }
        if (closed || datagram == CLOSED_MARKER) {
            throw new IOException("DTLS transport closed");
        }
        if (datagram == null) {
            return -1;
        }
        int length = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, length);
        return length;
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        if (!closed) {
            sender.send(buf, off, len);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            queue.clear();
            queue.offer(CLOSED_MARKER);
        }
    }
}
