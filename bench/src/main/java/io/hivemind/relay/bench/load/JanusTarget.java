package io.hivemind.relay.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Janus's VideoRoom as the load target (Janus 1.x, audio only): a publisher joins with {@code ptype: publisher} and
 * sends its offer with {@code publish}; a subscriber joins with {@code ptype: subscriber} and one multistream
 * {@code streams} list of the feeds it wants, answers Janus's offer and sends {@code start}. Each PeerConnection is
 * one plugin handle in one shared HTTP session.
 */
final class JanusTarget implements LoadTarget {

    private static final int FEED_RETRIES = 20;
    private static final long FEED_RETRY_MILLIS = 250;
    private final JanusHttpSession session;
    private final long adminHandle;
    private final AtomicLong nextRoomId = new AtomicLong(4200);
    private final Map<String, Long> roomIds = new ConcurrentHashMap<>();
    /** Publisher identity → its Janus feed id. */
    private final Map<String, Long> feeds = new ConcurrentHashMap<>();
    /** Attaching a handle is a blocking HTTP call: off the caller's thread, a few at a time. */
    private final ExecutorService signaling = Executors.newFixedThreadPool(8, task -> {
        Thread thread = new Thread(task, "janus-signaling");
        thread.setDaemon(true);
        return thread;
    });

    JanusTarget(URI api) throws IOException, InterruptedException {
        this.session = new JanusHttpSession(api);
        this.adminHandle = session.attachVideoRoom();
    }

    @Override
    public String name() {
        return "janus";
    }

    @Override
    public boolean publishersReceive() {
        return false;
    }

    @Override
    public void prepareRoom(String room, int publishers, int participants) throws Exception {
        long id = nextRoomId.incrementAndGet();
        ObjectNode create = session.body().put("request", "create").put("room", id).put("permanent", false)
                .put("description", room).put("publishers", Math.max(publishers, 1)).put("audiocodec", "opus")
                .put("videocodec", "vp8").put("audiolevel_event", false);
        JsonNode created = session.requestSync(adminHandle, create);
        if (!"created".equals(created.path("videoroom").asText())) {
            throw new IOException("janus did not create room " + room + ": " + created);
        }
        roomIds.put(room, id);
    }

    private long roomId(String room) {
        Long id = roomIds.get(room);
        if (id == null) {
            throw new IllegalStateException("room " + room + " was not prepared");
        }
        return id;
    }

    @Override
    public CompletableFuture<Void> publish(String room, String identity, LoadPeer peer, int ssrc) {
        PeerSdp sdp = new PeerSdp(peer);
        return CompletableFuture.supplyAsync(this::attach, signaling)
                .thenCompose(handle -> session.requestAsync(handle, session.body().put("request", "join")
                        .put("ptype", "publisher").put("room", roomId(room)).put("display", identity), null, null)
                        .thenCompose(joined -> {
                            feeds.put(identity, joined.path("plugindata").path("data").path("id").asLong());
                            return session.requestAsync(handle, session.body().put("request", "publish")
                                    .put("audiocodec", "opus"), "offer", sdp.publishOffer(ssrc));
                        }))
                .thenAccept(configured -> {
                    try {
                        sdp.acceptAnswer(jsep(configured, "answer"));
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                });
    }

    @Override
    public CompletableFuture<Void> subscribe(String room, String identity, LoadPeer peer, List<String> publishers) {
        PeerSdp sdp = new PeerSdp(peer);
        return CompletableFuture.supplyAsync(this::attach, signaling)
                .thenCompose(handle -> join(handle, room, publishers, FEED_RETRIES).thenCompose(attached -> {
                    String answer;
                    try {
                        answer = sdp.answer(jsep(attached, "offer"));
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                    return session.requestAsync(handle, session.body().put("request", "start"), "answer", answer);
                }))
                .thenAccept(started -> { });
    }

    /**
     * Joins {@code handle} as a multistream subscriber of {@code publishers}. A feed whose publish Janus has not
     * finished setting up is answered "No such feed" for a moment under load: retried a few times.
     */
    private CompletableFuture<JsonNode> join(long handle, String room, List<String> publishers, int retries) {
        ObjectNode join = session.body().put("request", "join").put("ptype", "subscriber")
                .put("room", roomId(room)).put("use_msid", false);
        ArrayNode streams = join.putArray("streams");
        for (String publisher : publishers) {
            Long feed = feeds.get(publisher);
            if (feed == null) {
                throw new IllegalStateException(publisher + " has not published");
            }
            streams.addObject().put("feed", feed);
        }
        return session.requestAsync(handle, join, null, null).handle((attached, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(attached);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            if (retries > 0 && String.valueOf(cause.getMessage()).contains("No such feed")) {
                return CompletableFuture.supplyAsync(() -> handle, CompletableFuture.delayedExecutor(
                        FEED_RETRY_MILLIS, TimeUnit.MILLISECONDS, signaling))
                        .thenCompose(h -> join(h, room, publishers, retries - 1));
            }
            return CompletableFuture.<JsonNode>failedFuture(cause);
        }).thenCompose(future -> future);
    }

    private long attach() {
        try {
            return session.attachVideoRoom();
        } catch (IOException e) {
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    private static String jsep(JsonNode event, String type) throws IOException {
        JsonNode jsep = event.path("jsep");
        if (!type.equals(jsep.path("type").asText())) {
            throw new IOException("janus sent no " + type + ": " + event.path("plugindata").path("data"));
        }
        return jsep.path("sdp").asText();
    }

    @Override
    public void close() {
        signaling.shutdownNow();
        session.close();
    }
}
