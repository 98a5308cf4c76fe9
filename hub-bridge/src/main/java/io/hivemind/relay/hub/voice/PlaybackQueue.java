package io.hivemind.relay.hub.voice;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The worker's speech waiting to be sent: 24 kHz PCM16 little-endian chunks tagged with their response item, and
 * how many bytes of each item have been taken for sending. Producers ({@link #add}, {@link #clear}) and the voice
 * thread ({@link #take}) meet on this object's monitor; every critical section is a few array copies at most.
 *
 * <p>Chunks may hold any number of bytes: an odd trailing byte of an item waits for the item's next chunk, so
 * samples never straddle two items.
 */
final class PlaybackQueue {
    /** Bytes of 24 kHz PCM16 per millisecond. */
    static final int BYTES_PER_MILLI = RoomAudio.REALTIME_RATE / 1000 * 2;
    /** Items whose sent length is remembered (a call has one item per response). */
    private static final int REMEMBERED_ITEMS = 64;

    private record Chunk(String itemId, byte[] pcm) {
    }

    private final long maxQueuedBytes;
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private final Map<String, Long> sentBytes = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_ITEMS;
        }
    };
    private int headOffset;
    private long queuedBytes;
    private String lastSentItem;
    private String carryItem;
    private byte carryByte;
    private boolean interrupted;
    private long droppedBytes;

    PlaybackQueue(long maxQueuedMillis) {
        this.maxQueuedBytes = maxQueuedMillis * BYTES_PER_MILLI;
    }

    /**
     * Queues {@code pcm} (taken over: not copied, must not change afterwards) as the next audio of {@code itemId}.
     *
     * @return false, queueing nothing, when the queue already holds {@code maxQueuedMillis}
     */
    synchronized boolean add(String itemId, byte[] pcm) {
        Objects.requireNonNull(itemId, "itemId");
        if (queuedBytes + pcm.length > maxQueuedBytes) {
            droppedBytes += pcm.length;
            return false;
        }
        byte[] whole = pcm;
        if (carryItem != null) {
            if (carryItem.equals(itemId)) {
                whole = new byte[pcm.length + 1];
                whole[0] = carryByte;
                System.arraycopy(pcm, 0, whole, 1, pcm.length);
            }
            carryItem = null;
        }
        if (whole.length % 2 != 0) {
            carryItem = itemId;
            carryByte = whole[whole.length - 1];
            whole = Arrays.copyOf(whole, whole.length - 1);
        }
        if (whole.length > 0) {
            chunks.add(new Chunk(itemId, whole));
            queuedBytes += whole.length;
            sentBytes.putIfAbsent(itemId, 0L);
        }
        return true;
    }

    /**
     * Takes up to {@code dst.length} bytes (an even number) into {@code dst}, across chunks and items, and counts
     * them as sent for their items.
     *
     * @return bytes taken; 0 when the queue is empty
     */
    synchronized int take(byte[] dst) {
        int taken = 0;
        while (taken < dst.length && !chunks.isEmpty()) {
            Chunk head = chunks.peek();
            int n = Math.min(dst.length - taken, head.pcm().length - headOffset);
            System.arraycopy(head.pcm(), headOffset, dst, taken, n);
            taken += n;
            headOffset += n;
            sentBytes.merge(head.itemId(), (long) n, Long::sum);
            lastSentItem = head.itemId();
            if (headOffset == head.pcm().length) {
                chunks.poll();
                headOffset = 0;
            }
        }
        queuedBytes -= taken;
        return taken;
    }

    /**
     * Barge-in: drops everything queued. The cut names the item at the head of the queue (the one playing, or about
     * to) or, with nothing queued, the last item sent; null before any audio.
     */
    synchronized Truncation clear() {
        String current = chunks.isEmpty() ? lastSentItem : chunks.peek().itemId();
        chunks.clear();
        headOffset = 0;
        queuedBytes = 0;
        carryItem = null;
        interrupted = true;
        return current == null ? null : new Truncation(current, sentMillis(current));
    }

    /** Whether {@link #clear} ran since the last call: the next packet starts a new talkspurt. */
    synchronized boolean takeInterrupted() {
        boolean was = interrupted;
        interrupted = false;
        return was;
    }

    /** Milliseconds of {@code itemId} taken for sending (0 for an unknown or forgotten item). */
    synchronized long sentMillis(String itemId) {
        return sentBytes.getOrDefault(itemId, 0L) / BYTES_PER_MILLI;
    }

    synchronized long queuedMillis() {
        return queuedBytes / BYTES_PER_MILLI;
    }

    /** Bytes refused because the queue was full. */
    synchronized long droppedBytes() {
        return droppedBytes;
    }
}
