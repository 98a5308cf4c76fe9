package io.hivemind.relay.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One load client's side of the relay's {@code /ws} protocol: {@code join}, then our {@code offer} (publishing, or
 * only listening), the relay's {@code answer} applied; every later relay {@code offer} (the speakers we receive) is
 * answered. {@link #negotiated()} completes
 * when the client has a remote description, and fails on an {@code error} message or a close before that. Messages
 * are read with Jackson; fields the load tool does not use are ignored.
 */
final class RelaySignaling implements WebSocket.Listener {

    private final ObjectMapper json;
    private final PeerSdp sdp;
    private final String token;
    private final int ssrc;
    private final CompletableFuture<Void> negotiated = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    /** @param ssrc the track to publish, or {@link RelayTarget#LISTEN} to only receive */
    RelaySignaling(ObjectMapper json, PeerSdp sdp, String token, int ssrc) {
        this.json = json;
        this.sdp = sdp;
        this.token = token;
        this.ssrc = ssrc;
    }

    CompletableFuture<Void> negotiated() {
        return negotiated;
    }

    @Override
    public void onOpen(WebSocket socket) {
        socket.sendText(json.createObjectNode().put("type", "join").put("token", token).toString(), true);
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                onMessage(socket, json.readTree(text));
            } catch (Exception e) {
                negotiated.completeExceptionally(e);
            }
        }
        socket.request(1);
        return null;
    }

    private void onMessage(WebSocket socket, JsonNode message) throws Exception {
        switch (RelayTarget.type(message)) {
            case "joined" -> send(socket, "offer", ssrc == RelayTarget.LISTEN ? sdp.listenOffer()
                    : sdp.publishOffer(ssrc));
            case "answer" -> {
                sdp.acceptAnswer(message.path("sdp").asText());
                negotiated.complete(null);
            }
            case "offer" -> {
                send(socket, "answer", sdp.answer(message.path("sdp").asText()));
                negotiated.complete(null);
            }
            case "error" -> negotiated.completeExceptionally(new IOException("relay: "
                    + message.path("code").asText() + ": " + message.path("message").asText()));
            default -> { } // room events: not needed by the load tool
        }
    }

    private void send(WebSocket socket, String type, String sdpText) throws JsonProcessingException {
        socket.sendText(json.writeValueAsString(json.createObjectNode().put("type", type).put("sdp", sdpText)), true);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        negotiated.completeExceptionally(new IOException("relay closed /ws: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        negotiated.completeExceptionally(error);
    }
}
