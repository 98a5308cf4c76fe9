package io.hivemind.relay.bench.load;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The SFU a load run drives, behind its own signaling: our relay over {@code /ws} ({@link RelayTarget}) or Janus's
 * VideoRoom over its HTTP API ({@link JanusTarget}). A target only signals: each method completes when the SDP
 * exchange is done, and the caller then waits for the client's ICE/DTLS ({@link LoadPeer#connected()}).
 */
interface LoadTarget extends AutoCloseable {

    /** The name reports use: {@code hivemind} or {@code janus}. */
    String name();

    /**
     * Whether a publishing client also receives the other publishers of its room on the same PeerConnection (our
     * relay subscribes every participant automatically); when false a participant who both talks and listens needs
     * a second client for {@link #subscribe}.
     */
    boolean publishersReceive();

    /** Creates {@code room} for up to {@code publishers} publishers and {@code participants} in all. */
    void prepareRoom(String room, int publishers, int participants) throws Exception;

    /** Joins {@code identity} to {@code room} and publishes one Opus track with {@code ssrc} from {@code peer}. */
    CompletableFuture<Void> publish(String room, String identity, LoadPeer peer, int ssrc);

    /**
     * The relay's own forwarding-delay buckets so far, or {@code null} when the target exports none (Janus) or they
     * cannot be read now.
     */
    default RelayDelay relayDelay() {
        return null;
    }

    /** Joins {@code identity} to {@code room} receiving the tracks of {@code publishers} (identities). */
    CompletableFuture<Void> subscribe(String room, String identity, LoadPeer peer, List<String> publishers);
}
