package io.hivemind.relay.hub.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A {@link PcmSink} that keeps every chunk and completes once enough audible chunks arrived. */
final class PcmCollector implements PcmSink {
    private final List<byte[]> chunks = new ArrayList<>();
    private final int wantedAudible;
    private final CompletableFuture<List<byte[]>> audible = new CompletableFuture<>();
    private int audibleSeen;

    PcmCollector(int wantedAudibleChunks) {
        this.wantedAudible = wantedAudibleChunks;
    }

    @Override
    public synchronized void onPcm(byte[] pcm24kLe, long captureNanos) {
        chunks.add(pcm24kLe);
        if (audibleSeen > 0 || !isSilent(pcm24kLe)) {
            audibleSeen++;
        }
        if (audibleSeen == wantedAudible) {
            audible.complete(List.copyOf(chunks.subList(chunks.size() - wantedAudible, chunks.size())));
        }
    }

    private static boolean isSilent(byte[] pcm) {
        for (byte b : pcm) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Completes with the first {@code wantedAudibleChunks} chunks from the first audible one on. */
    CompletableFuture<List<byte[]>> audible() {
        return audible;
    }

    synchronized List<byte[]> all() {
        return new ArrayList<>(chunks);
    }
}
